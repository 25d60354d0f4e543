import type { Bilingual, IsoDate } from './types';

/**
 * The policy parameters (WAITING-PERIODS.md): every figure a B rule uses is one of these names, never a literal in
 * code. The values, their effective dates and their sources live in the `policy_parameter` table (seeded by
 * migrations, changed by the city centre through the graph); the domain receives the versions in force on the date
 * of the answer and reports which ones it used.
 */
export const PARAMETER_NAMES = [
  'waiting.fixedMonths',
  'waiting.variableMonthsPerLapseYear',
  'waiting.repairMonthsPerYearPaid',
  'waiting.longLapseYears',
  'waiting.floorMonthsAfterLongLapse',
  'waiting.exempt.newborn',
  'waiting.exempt.school',
  'waiting.exempt.welfareInstitution',
  'waiting.employeeGapExemptMonths',
  'b6.continuousYears',
  'employeeGap.maxBackPayMonths',
  'employeeGap.maxWaitingMonths',
  'incentive.fullYearsBeforeRaise',
  'incentive.ceilingRaiseYuan',
  'incentive.capPercent',
  'retirement.reform.startMonth',
  'retirement.originalAge.male',
  'retirement.originalAge.female55',
  'retirement.originalAge.female50',
  'retirement.stepMonths.male',
  'retirement.stepMonths.female55',
  'retirement.stepMonths.female50',
  'retirement.capMonths.male',
  'retirement.capMonths.female55',
  'retirement.capMonths.female50',
  'retirement.requiredYears.male',
  'retirement.requiredYears.female',
  'retirement.minTianjinActualYears',
  'retirement.makeUp.baseFen',
  'retirement.makeUp.ratePercent',
] as const;

export type ParameterName = (typeof PARAMETER_NAMES)[number];

export function isParameterName(name: string): name is ParameterName {
  return (PARAMETER_NAMES as readonly string[]).includes(name);
}

/** What kind of value a parameter takes: checked before a new version is stored. */
export interface ParameterShape {
  unit: 'month' | 'year' | 'yuan' | 'fen' | 'percent' | 'flag' | 'yyyymm';
  integer: boolean;
  min: number;
  max: number;
}

const months = (max: number): ParameterShape => ({ unit: 'month', integer: true, min: 0, max });
const years = (max: number): ParameterShape => ({ unit: 'year', integer: true, min: 0, max });
const flag: ParameterShape = { unit: 'flag', integer: true, min: 0, max: 1 };

export const PARAMETER_SHAPES: Record<ParameterName, ParameterShape> = {
  'waiting.fixedMonths': months(24),
  'waiting.variableMonthsPerLapseYear': months(12),
  'waiting.repairMonthsPerYearPaid': months(12),
  'waiting.longLapseYears': years(50),
  'waiting.floorMonthsAfterLongLapse': months(24),
  'waiting.exempt.newborn': flag,
  'waiting.exempt.school': flag,
  'waiting.exempt.welfareInstitution': flag,
  'waiting.employeeGapExemptMonths': months(24),
  'b6.continuousYears': years(50),
  'employeeGap.maxBackPayMonths': months(24),
  'employeeGap.maxWaitingMonths': months(24),
  'incentive.fullYearsBeforeRaise': years(50),
  'incentive.ceilingRaiseYuan': { unit: 'yuan', integer: true, min: 0, max: 1_000_000 },
  'incentive.capPercent': { unit: 'percent', integer: false, min: 0, max: 100 },
  'retirement.reform.startMonth': { unit: 'yyyymm', integer: true, min: 190001, max: 299912 },
  'retirement.originalAge.male': years(80),
  'retirement.originalAge.female55': years(80),
  'retirement.originalAge.female50': years(80),
  'retirement.stepMonths.male': { unit: 'month', integer: true, min: 1, max: 120 },
  'retirement.stepMonths.female55': { unit: 'month', integer: true, min: 1, max: 120 },
  'retirement.stepMonths.female50': { unit: 'month', integer: true, min: 1, max: 120 },
  'retirement.capMonths.male': months(120),
  'retirement.capMonths.female55': months(120),
  'retirement.capMonths.female50': months(120),
  'retirement.requiredYears.male': years(60),
  'retirement.requiredYears.female': years(60),
  'retirement.minTianjinActualYears': years(60),
  'retirement.makeUp.baseFen': { unit: 'fen', integer: true, min: 0, max: 100_000_000 },
  'retirement.makeUp.ratePercent': { unit: 'percent', integer: false, min: 0, max: 100 },
};

/** Whether the value is acceptable for the parameter; the reason when it is not. */
export function checkParameterValue(name: ParameterName, value: number): Bilingual | null {
  const shape = PARAMETER_SHAPES[name];
  if (!Number.isFinite(value)) return { zh: '取值必须是数字', en: 'the value must be a number' };
  if (shape.integer && !Number.isInteger(value))
    return { zh: `取值必须是整数（单位：${shape.unit}）`, en: `the value must be a whole number of ${shape.unit}` };
  if (value < shape.min || value > shape.max)
    return {
      zh: `取值应在 ${shape.min} 至 ${shape.max} 之间`,
      en: `the value must lie between ${shape.min} and ${shape.max}`,
    };
  if (shape.unit === 'yyyymm') {
    const m = value % 100;
    if (m < 1 || m > 12) return { zh: '月份应为 01–12', en: 'the month part must be 01–12' };
  }
  return null;
}

/**
 * Where a value comes from: a national text applied as it stands, a Tianjin text in hand, or a value the Tianjin
 * texts leave to a Tianjin rule or later measure that is not in hand (the national figure or a placeholder is used
 * until the city centre sets Tianjin's).
 */
export type ParameterBasis = 'NATIONAL' | 'TIANJIN' | 'PENDING_TIANJIN';

/** One version of a parameter: the value in force from a date, and its source document. */
export interface ParameterVersion {
  name: ParameterName;
  value: number;
  effectiveFrom: IsoDate;
  source: string;
}

/** A parameter a rule needs is not in force on the date asked about. */
export class ParameterMissing extends Error {
  constructor(
    readonly parameter: ParameterName,
    readonly on: IsoDate,
  ) {
    super(`policy parameter ${parameter} is not in force on ${on}`);
    this.name = 'ParameterMissing';
  }
}

/**
 * The parameter versions in force on one date, recording which ones an answer read, so that every answer can state
 * the versions it used.
 */
export class Parameters {
  private readonly byName = new Map<string, ParameterVersion>();
  private readonly read = new Map<string, ParameterVersion>();

  constructor(
    readonly on: IsoDate,
    versions: readonly ParameterVersion[],
  ) {
    for (const v of versions) this.byName.set(v.name, v);
  }

  /** Whether the parameter is in force on the date (a rule whose parameter is not yet in force does not apply). */
  has(name: ParameterName): boolean {
    return this.byName.has(name);
  }

  /** The value in force; throws ParameterMissing when the parameter has no version on the date. */
  value(name: ParameterName): number {
    const v = this.byName.get(name);
    if (!v) throw new ParameterMissing(name, this.on);
    this.read.set(name, v);
    return v.value;
  }

  /** The versions read so far, by name. */
  used(): ParameterVersion[] {
    return [...this.read.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  version(name: ParameterName): ParameterVersion | undefined {
    return this.byName.get(name);
  }
}
