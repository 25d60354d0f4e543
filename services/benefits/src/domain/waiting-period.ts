import { addDays, addMonths, maxDate, yearOf } from '@yibao/shared';
import { continuityBefore, type Continuity } from './continuity';
import type { CoverageSpan } from './ledger';
import { yearsAndMonths } from './months';
import type { ParameterName, ParameterVersion, Parameters } from './parameters';
import { isTianjin, type IsoDate, type RelationFacts, type RuleId, type Step } from './types';

/**
 * When benefits start for a new or renewed relation (B1, B6, B7), explained step by step:
 * - B6 (关于完善本市基本医疗保险参保关系衔接有关工作的通知 五): from the employee scheme back to this year's Tianjin resident
 *   scheme after 2+ years in a row and a gap of at most 3 months → covered from the day after payment;
 * - B7 (国办发〔2024〕38号): otherwise a lapsed or late resident enrolee waits fixed + variable − repaired months, at
 *   least the floor after a long lapse; newborns and the other exempt groups do not wait;
 * - B1 (医保办发〔2021〕43号, Tianjin's employee rules): an employee relation after a gap of more than 3 months waits
 *   at most 6 months; a shorter gap may be paid back and is covered at once.
 */

export type Exemption = 'NEWBORN' | 'SCHOOL' | 'WELFARE_INSTITUTION' | 'B6';

export interface BenefitStartInput {
  /** The new or renewed relation. */
  relation: RelationFacts;
  /** What covered the person before: every other relation and info-sheet period. */
  history: readonly CoverageSpan[];
  /** The day this relation's contribution was paid (null when no payment is recorded yet: the registration day). */
  paidOn: IsoDate | null;
  birthDate: IsoDate | null;
  /** Registered inside the centralised enrolment period of the relation's year (集中参保缴费期). */
  inCentralisedPeriod: boolean;
  /** Lapse years paid back (补缴, resident scheme, not refunded): each repairs part of the variable waiting period. */
  repairYearsPaid: readonly number[];
}

export interface BenefitStart {
  relationId: string;
  scheme: RelationFacts['scheme'];
  /** The rule that decided: B6, B7 (resident scheme), B1 (employee scheme). */
  rule: RuleId;
  /** The day payment was taken as made (the registration day when none is recorded). */
  paidOn: IsoDate;
  waitingStartsOn: IsoDate;
  coveredFrom: IsoDate;
  /** B6: lapsed — a gap over 3 months, or fewer than 2 years in a row (false for a first enrolment). */
  lapsed: boolean;
  continuity: Continuity;
  fixedMonths: number;
  variableMonths: number;
  repairedMonths: number;
  floorApplied: boolean;
  waitingMonths: number;
  exemption: Exemption | null;
  steps: Step[];
  parameters: ParameterVersion[];
}

/** The date whose parameter versions decide the answer: the later of the relation's start and its payment. */
export function benefitStartReferenceDate(input: Pick<BenefitStartInput, 'relation' | 'paidOn'>): IsoDate {
  return maxDate(input.relation.startDate, input.paidOn ?? input.relation.registeredOn);
}

const on = (p: Parameters, name: ParameterName) => p.has(name);

function monthsText(n: number) {
  return { zh: `${n}个月`, en: `${n} month${n === 1 ? '' : 's'}` };
}

export function decideBenefitStart(input: BenefitStartInput, params: Parameters): BenefitStart {
  const { relation } = input;
  const start = relation.startDate;
  const paidOn = input.paidOn ?? relation.registeredOn;
  const continuity = continuityBefore(input.history, start);
  const steps: Step[] = [];
  const base = {
    relationId: relation.relationId,
    scheme: relation.scheme,
    paidOn,
    continuity,
    fixedMonths: 0,
    variableMonths: 0,
    repairedMonths: 0,
    floorApplied: false,
    waitingMonths: 0,
    exemption: null as Exemption | null,
  };
  const answer = (rule: RuleId, coveredFrom: IsoDate, extra: Partial<BenefitStart> = {}): BenefitStart => ({
    ...base,
    rule,
    waitingStartsOn: extra.waitingStartsOn ?? coveredFrom,
    coveredFrom,
    lapsed: extra.lapsed ?? false,
    ...extra,
    steps,
    parameters: params.used(),
  });

  // what came before
  if (!continuity.hasHistory) {
    steps.push({
      rule: relation.scheme === 'EMPLOYEE' ? 'B1' : 'B7',
      zh: '此前无任何参保记录：首次参保，不存在断保',
      en: 'no earlier coverage on record: a first enrolment, no lapse',
    });
  } else {
    const run = yearsAndMonths(continuity.continuousMonths);
    steps.push({
      rule: 'B2',
      zh: `此前连续参保 ${run.zh}（截至 ${continuity.lastCoveredMonth}，含转移接续带入的年限），中断 ${continuity.gapMonths} 个月`,
      en: `insured ${run.en} in a row up to ${continuity.lastCoveredMonth} (transferred-in years included), then a gap of ${continuity.gapMonths} month${continuity.gapMonths === 1 ? '' : 's'}`,
    });
  }

  // another region's relation: its own rules apply
  if (!isTianjin(relation.regionCode)) {
    steps.push({
      rule: 'B7',
      zh: `参保地为外省市（${relation.regionCode}），待遇按当地规定，本系统记为自参保之日起`,
      en: `insured in another region (${relation.regionCode}): its own rules apply; recorded as covered from the start`,
    });
    return answer('B7', start);
  }

  if (relation.scheme === 'EMPLOYEE') return employeeStart(input, params, continuity, steps, answer);
  return residentStart(input, params, continuity, paidOn, steps, answer);
}

type Answer = (rule: RuleId, coveredFrom: IsoDate, extra?: Partial<BenefitStart>) => BenefitStart;

/** B1: the employee scheme follows Tianjin's employee rules; the gap rule of 医保办发〔2021〕43号. */
function employeeStart(
  input: BenefitStartInput,
  params: Parameters,
  continuity: Continuity,
  steps: Step[],
  answer: Answer,
): BenefitStart {
  const start = input.relation.startDate;
  if (!continuity.hasHistory || !on(params, 'employeeGap.maxBackPayMonths')) {
    steps.push({
      rule: 'B1',
      zh: `职工医保自参保之日 ${start} 起享受待遇`,
      en: `employee benefits from the start, ${start}`,
    });
    return answer('B1', start);
  }
  const maxGap = params.value('employeeGap.maxBackPayMonths');
  if (continuity.gapMonths <= maxGap) {
    steps.push({
      rule: 'B1',
      zh: `中断缴费 ${continuity.gapMonths} 个月，不超过 ${maxGap} 个月：可按规定补缴，中断期间待遇追溯享受，自参保之日 ${start} 起享受待遇`,
      en: `a gap of ${continuity.gapMonths} months, at most ${maxGap}: it may be paid back and is covered retroactively; covered from the start, ${start}`,
    });
    return answer('B1', start);
  }
  const wait = params.value('employeeGap.maxWaitingMonths');
  const coveredFrom = addMonths(start, wait);
  steps.push({
    rule: 'B1',
    zh: `中断缴费 ${continuity.gapMonths} 个月，超过 ${maxGap} 个月：待遇等待期 ${wait} 个月 → 自 ${coveredFrom} 起享受待遇`,
    en: `a gap of ${continuity.gapMonths} months, more than ${maxGap}: a waiting period of ${wait} months → covered from ${coveredFrom}`,
  });
  return answer('B1', coveredFrom, {
    lapsed: true,
    waitingStartsOn: start,
    fixedMonths: wait,
    waitingMonths: wait,
  });
}

/**
 * B6's test of a lapse (断保): a gap over the exempt months, or fewer than the years in a row. Before the Tianjin
 * notice is in force (or without history) a lapse year is the only lapse.
 */
export function isLapsed(continuity: Continuity, params: Parameters): boolean {
  if (!continuity.hasHistory) return false;
  if (!on(params, 'b6.continuousYears') || !on(params, 'waiting.employeeGapExemptMonths'))
    return continuity.lapseYears.length > 0;
  return (
    continuity.gapMonths > params.value('waiting.employeeGapExemptMonths') ||
    continuity.continuousMonths < params.value('b6.continuousYears') * 12
  );
}

function exemptionOf(input: BenefitStartInput, continuity: Continuity, params: Parameters): Exemption | null {
  const r = input.relation;
  const newborn =
    !continuity.hasHistory &&
    (r.residentCategory === 'NEWBORN' || (input.birthDate !== null && r.startDate < addMonths(input.birthDate, 12)));
  if (newborn && on(params, 'waiting.exempt.newborn') && params.value('waiting.exempt.newborn') === 1) return 'NEWBORN';
  if (
    r.residentCategory === 'SCHOOL' &&
    on(params, 'waiting.exempt.school') &&
    params.value('waiting.exempt.school') === 1
  )
    return 'SCHOOL';
  if (
    r.residentCategory === 'WELFARE_INSTITUTION' &&
    on(params, 'waiting.exempt.welfareInstitution') &&
    params.value('waiting.exempt.welfareInstitution') === 1
  )
    return 'WELFARE_INSTITUTION';
  return null;
}

const EXEMPTION_TEXT: Record<Exclude<Exemption, 'B6'>, { zh: string; en: string }> = {
  NEWBORN: { zh: '新生儿（出生后一年内首次参保）', en: 'a newborn (first enrolment within the first year)' },
  SCHOOL: { zh: '在校学生（学校统一参保）', en: 'a student enrolled through the school' },
  WELFARE_INSTITUTION: { zh: '福利机构统一参保人员', en: 'enrolled through a welfare institution' },
};

/** B6, then B7 for the Tianjin resident scheme. */
function residentStart(
  input: BenefitStartInput,
  params: Parameters,
  continuity: Continuity,
  paidOn: IsoDate,
  steps: Step[],
  answer: Answer,
): BenefitStart {
  const r = input.relation;
  const start = r.startDate;

  // B6: employee → this year's resident scheme, 2+ years in a row, gap ≤ 3 months
  if (
    continuity.hasHistory &&
    continuity.lastScheme === 'EMPLOYEE' &&
    on(params, 'b6.continuousYears') &&
    on(params, 'waiting.employeeGapExemptMonths')
  ) {
    const years = params.value('b6.continuousYears');
    const gap = params.value('waiting.employeeGapExemptMonths');
    const currentYear = r.periodYear === yearOf(start) && r.periodYear === yearOf(r.registeredOn);
    const longEnough = continuity.continuousMonths >= years * 12;
    const shortGap = continuity.gapMonths <= gap;
    if (currentYear && longEnough && shortGap) {
      const coveredFrom = maxDate(addDays(paidOn, 1), start);
      steps.push({
        rule: 'B6',
        zh: `由职工医保重新参加当年度本市居民医保：连续参保 ${continuity.continuousMonths} 个月 ≥ ${years} 年（含），中断 ${continuity.gapMonths} 个月 ≤ ${gap} 个月 → 不视作断保，自参保缴费次日 ${coveredFrom} 起享受居民医保待遇`,
        en: `from the employee scheme back to this year's Tianjin resident scheme: ${continuity.continuousMonths} months in a row ≥ ${years} years, a gap of ${continuity.gapMonths} ≤ ${gap} months → not lapsed; covered from the day after payment, ${coveredFrom}`,
      });
      return answer('B6', coveredFrom, { exemption: 'B6', waitingStartsOn: paidOn });
    }
    steps.push({
      rule: 'B6',
      zh: `由职工医保转居民医保，但${!longEnough ? `连续参保不足 ${years} 年` : !shortGap ? `中断缴费超过 ${gap} 个月` : '所参加的不是当年度居民医保'} → 视作断保人员，按待遇等待期规定执行`,
      en: `from the employee scheme, but ${!longEnough ? `fewer than ${years} years in a row` : !shortGap ? `a gap of more than ${gap} months` : "not this year's resident scheme"} → lapsed; the waiting-period rules apply (B7)`,
    });
  }

  const lapsedB6 = isLapsed(continuity, params);
  const exemption = exemptionOf(input, continuity, params);
  if (exemption && exemption !== 'B6') {
    steps.push({
      rule: 'B7',
      zh: `${EXEMPTION_TEXT[exemption].zh}：不设待遇等待期，自参保之日 ${start} 起享受待遇`,
      en: `${EXEMPTION_TEXT[exemption].en}: no waiting period; covered from the start, ${start}`,
    });
    return answer('B7', start, { exemption, lapsed: lapsedB6 });
  }

  if (!on(params, 'waiting.fixedMonths')) {
    steps.push({
      rule: 'B7',
      zh: `${start} 时尚无待遇等待期规定（国办发〔2024〕38号自2025年起执行），自参保之日起享受待遇`,
      en: `no waiting-period rule was in force on ${start} (国办发〔2024〕38号 applies from 2025): covered from the start`,
    });
    return answer('B7', start, { lapsed: lapsedB6 });
  }

  const lapseYears = continuity.lapseYears;
  if (lapseYears.length === 0 && input.inCentralisedPeriod) {
    steps.push({
      rule: 'B7',
      zh: `在集中参保缴费期内参保且连续参保（无断保年度）：不设待遇等待期，自 ${start} 起享受待遇`,
      en: `enrolled inside the centralised enrolment period and insured without a lapse year: no waiting period; covered from ${start}`,
    });
    return answer('B7', start, { lapsed: false });
  }

  const fixed = params.value('waiting.fixedMonths');
  const perYear = params.value('waiting.variableMonthsPerLapseYear');
  const variable = Math.max(0, lapseYears.length - 1) * perYear;
  const waitingStartsOn = maxDate(start, paidOn);
  if (lapseYears.length === 0) {
    steps.push({
      rule: 'B7',
      zh: `未在集中参保缴费期内参保：固定待遇等待期 ${fixed} 个月`,
      en: `enrolled outside the centralised enrolment period: fixed waiting period ${fixed} months`,
    });
  } else {
    const years = [...lapseYears].sort((a, b) => a - b);
    steps.push({
      rule: 'B7',
      zh: `断保 ${lapseYears.length} 年（${years.join('、')} 年无任何参保关系）→ 固定 ${fixed} 个月 + 变动 ${variable} 个月（断保第 1 年以外每年 ${perYear} 个月）`,
      en: `lapsed ${lapseYears.length} year${lapseYears.length === 1 ? '' : 's'} (no relation in ${years.join(', ')}) → fixed ${fixed} + variable ${variable} months (${perYear} per lapse year beyond the first)`,
    });
  }
  const repairPer = params.value('waiting.repairMonthsPerYearPaid');
  const repairYears = [...new Set(input.repairYearsPaid.filter((y) => lapseYears.includes(y)))].sort((a, b) => a - b);
  const repaired = Math.min(variable, repairYears.length * repairPer);
  if (repairYears.length > 0)
    steps.push({
      rule: 'B7',
      zh: `缴费修复：补缴 ${repairYears.join('、')} 年共 ${repairYears.length} 年，每年减少 ${repairPer} 个月变动待遇等待期 → 减少 ${repaired} 个月`,
      en: `repair by paying: ${repairYears.length} year${repairYears.length === 1 ? '' : 's'} paid back (${repairYears.join(', ')}), ${repairPer} month${repairPer === 1 ? '' : 's'} each → ${repaired} month${repaired === 1 ? '' : 's'} less`,
    });
  let waiting = fixed + variable - repaired;
  let floorApplied = false;
  const longLapse = params.value('waiting.longLapseYears');
  if (lapseYears.length >= longLapse) {
    const floor = params.value('waiting.floorMonthsAfterLongLapse');
    if (waiting < floor) {
      floorApplied = true;
      steps.push({
        rule: 'B7',
        zh: `连续断保 ${lapseYears.length} 年 ≥ ${longLapse} 年：修复后固定与变动待遇等待期之和不少于 ${floor} 个月 → ${floor} 个月`,
        en: `lapsed ${lapseYears.length} years in a row ≥ ${longLapse}: after repair the waiting period is at least ${floor} months → ${floor} months`,
      });
      waiting = Math.min(floor, fixed + variable);
    }
  }
  const coveredFrom = addMonths(waitingStartsOn, waiting);
  const w = monthsText(waiting);
  const yearEnd = `${r.periodYear}-12-31`;
  steps.push({
    rule: 'B7',
    zh: `待遇等待期 = 固定 ${fixed} + 变动 ${variable} − 修复 ${repaired}${floorApplied ? `（下限）` : ''} = ${w.zh}，自 ${waitingStartsOn} 起算 → 自 ${coveredFrom} 起享受待遇`,
    en: `waiting period = fixed ${fixed} + variable ${variable} − repaired ${repaired}${floorApplied ? ' (floor)' : ''} = ${w.en} from ${waitingStartsOn} → covered from ${coveredFrom}`,
  });
  if (coveredFrom > yearEnd)
    steps.push({
      rule: 'B7',
      zh: `等待期在本参保年度（${r.periodYear} 年）结束之后届满：须连续参加下一年度居民医保，自 ${coveredFrom} 起享受待遇`,
      en: `the waiting period ends after this relation's year (${r.periodYear}): benefits start on ${coveredFrom} with next year's enrolment, if continuous`,
    });
  return answer('B7', coveredFrom, {
    lapsed: lapsedB6 || lapseYears.length > 0,
    waitingStartsOn,
    fixedMonths: fixed,
    variableMonths: variable,
    repairedMonths: repaired,
    floorApplied,
    waitingMonths: waiting,
  });
}
