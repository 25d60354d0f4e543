import type { CoverageSpan } from './ledger';
import { Parameters, type ParameterName, type ParameterVersion } from './parameters';
import type { InfoSheetPeriod, IsoDate, RelationChange, RelationFacts } from './types';

/** Builders for the domain specs (not a spec itself: the build compiles it; it imports only domain code). */

/** The seeded defaults (WAITING-PERIODS.md), as the migrations put them in the table. */
export const DEFAULTS: Record<ParameterName, [value: number, from: IsoDate]> = {
  'waiting.fixedMonths': [3, '2025-01-01'],
  'waiting.variableMonthsPerLapseYear': [1, '2025-01-01'],
  'waiting.repairMonthsPerYearPaid': [1, '2025-01-01'],
  'waiting.longLapseYears': [4, '2025-01-01'],
  'waiting.floorMonthsAfterLongLapse': [6, '2025-01-01'],
  'waiting.exempt.newborn': [1, '2025-01-01'],
  'waiting.exempt.school': [0, '2025-01-01'],
  'waiting.exempt.welfareInstitution': [0, '2025-01-01'],
  'waiting.employeeGapExemptMonths': [3, '2025-07-31'],
  'b6.continuousYears': [2, '2025-07-31'],
  'employeeGap.maxBackPayMonths': [3, '2021-11-01'],
  'employeeGap.maxWaitingMonths': [6, '2021-11-01'],
  'incentive.fullYearsBeforeRaise': [4, '2025-01-01'],
  'incentive.ceilingRaiseYuan': [1000, '2025-01-01'],
  'incentive.capPercent': [20, '2025-01-01'],
  'retirement.reform.startMonth': [202501, '2025-01-01'],
  'retirement.originalAge.male': [60, '2025-01-01'],
  'retirement.originalAge.female55': [55, '2025-01-01'],
  'retirement.originalAge.female50': [50, '2025-01-01'],
  'retirement.stepMonths.male': [4, '2025-01-01'],
  'retirement.stepMonths.female55': [4, '2025-01-01'],
  'retirement.stepMonths.female50': [2, '2025-01-01'],
  'retirement.capMonths.male': [36, '2025-01-01'],
  'retirement.capMonths.female55': [36, '2025-01-01'],
  'retirement.capMonths.female50': [60, '2025-01-01'],
  'retirement.requiredYears.male': [25, '2025-01-01'],
  'retirement.requiredYears.female': [20, '2025-01-01'],
  'retirement.minTianjinActualYears': [10, '2025-01-01'],
  'retirement.makeUp.baseFen': [700000, '2025-01-01'],
  'retirement.makeUp.ratePercent': [12, '2025-01-01'],
};

/** The parameters in force on `on`, with `overrides` on top. */
export function params(on: IsoDate = '2026-06-01', overrides: Partial<Record<ParameterName, number>> = {}): Parameters {
  const versions: ParameterVersion[] = [];
  for (const [name, [value, from]] of Object.entries(DEFAULTS) as Array<[ParameterName, [number, IsoDate]]>) {
    if (from > on) continue;
    versions.push({ name, value: overrides[name] ?? value, effectiveFrom: from, source: 'spec' });
  }
  return new Parameters(on, versions);
}

let seq = 0;
export const uuid = (n = ++seq) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function relation(over: Partial<RelationFacts> = {}): RelationFacts {
  const startDate = over.startDate ?? '2026-01-01';
  return {
    relationId: uuid(),
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: over.scheme === 'EMPLOYEE' ? null : 'HOUSEHOLD',
    retired: false,
    regionCode: '120104',
    periodYear: Number(startDate.slice(0, 4)),
    startDate,
    endDate: null,
    status: 'ACTIVE',
    registeredOn: startDate,
    changes: [],
    ...over,
  };
}

export function employee(over: Partial<RelationFacts> = {}): RelationFacts {
  return relation({ scheme: 'EMPLOYEE', employeeCategory: 'EMPLOYER_STAFF', residentCategory: null, ...over });
}

/** Resident relations for every year from..to (inclusive). */
export function residentYears(from: number, to: number, region = '120104'): RelationFacts[] {
  const out: RelationFacts[] = [];
  for (let y = from; y <= to; y++)
    out.push(relation({ startDate: `${y}-01-01`, periodYear: y, regionCode: region, registeredOn: `${y - 1}-11-01` }));
  return out;
}

export function suspended(effectiveDate: IsoDate, cause = 'E15', coveredUntil: IsoDate | null = null): RelationChange {
  return { kind: 'SUSPENDED', effectiveDate, coveredUntil, cause };
}

export function resumed(effectiveDate: IsoDate, cause = 'E14'): RelationChange {
  return { kind: 'RESUMED', effectiveDate, coveredUntil: null, cause };
}

export function sheet(over: Partial<InfoSheetPeriod> & Pick<InfoSheetPeriod, 'from' | 'to'>): InfoSheetPeriod {
  return { transferId: uuid(), scheme: 'EMPLOYEE', regionCode: '110105', ...over };
}

export function span(over: Partial<CoverageSpan> & Pick<CoverageSpan, 'from' | 'to'>): CoverageSpan {
  return {
    origin: 'RELATION',
    ref: uuid(),
    scheme: 'RESIDENT',
    regionCode: '120104',
    coveredSuspensionFrom: null,
    openedBy: null,
    ...over,
  };
}
