import { END_OF_TIME, daysBetween, endOfYear, lastDayOfMonth, maxDate, minDate, yearOf } from './dates';
import type {
  Bilingual,
  Effect,
  InsuranceRelation,
  IsoDate,
  LapseFacts,
  ResidentCategory,
  RuleId,
  SchoolLevel,
  SuspendEffect,
} from './types';

/** E3: the month in which an employee relation is suspended is still covered by employee benefits. */
export function employeeCoverageEndsOn(suspendedOn: IsoDate): IsoDate {
  return lastDayOfMonth(suspendedOn);
}

/**
 * The effect that suspends `relation` on `on`, or on its start date when it has not started yet (next year's resident
 * relation paid in the centralised period): a suspension never ends a relation before it begins. An employee relation
 * stays covered to the month end (E3).
 */
export function suspension(
  relation: InsuranceRelation,
  rule: RuleId,
  reason: Bilingual,
  on: IsoDate,
  extra: Pick<SuspendEffect, 'channel' | 'applicant' | 'consentId'> = {},
): SuspendEffect {
  const effectiveDate = maxDate(on, relation.startDate);
  return {
    kind: 'SUSPEND',
    relationId: relation.id,
    personId: relation.personId,
    regionCode: relation.regionCode,
    rule,
    reason,
    effectiveDate,
    coveredUntil: relation.scheme === 'EMPLOYEE' ? employeeCoverageEndsOn(effectiveDate) : null,
    ...extra,
  };
}

/** The last day an ACTIVE relation covers: a resident one its calendar year, an employee one until suspended. */
function activeUntil(r: InsuranceRelation): IsoDate {
  return r.endDate ?? (r.scheme === 'RESIDENT' ? endOfYear(r.periodYear) : END_OF_TIME);
}

/**
 * The last day a relation covered or covers, whatever its status. A suspended employee relation covers the rest of
 * the month (E3). A non-active relation without an end date is taken to have ended on its start date (a lapse is
 * then warned about rather than hidden).
 */
export function coverageEnd(r: InsuranceRelation): IsoDate {
  if (r.status === 'ACTIVE') return activeUntil(r);
  if (r.endDate == null) return r.startDate;
  return r.scheme === 'EMPLOYEE' && r.status === 'SUSPENDED' ? employeeCoverageEndsOn(r.endDate) : r.endDate;
}

/**
 * E17: two ACTIVE relations insure the person twice when their periods share a day on or after `from` (today).
 * Periods wholly in the past (a back-payment) never clash; E5's next-year case does not overlap by construction.
 */
export function insureTwice(a: InsuranceRelation, b: InsuranceRelation, from: IsoDate): boolean {
  if (a.id === b.id || a.status !== 'ACTIVE' || b.status !== 'ACTIVE') return false;
  return maxDate(maxDate(a.startDate, b.startDate), from) <= minDate(activeUntil(a), activeUntil(b));
}

/** E17: the ACTIVE relations that would insure the person twice together with `relation`. */
export function clashesWith(
  relation: InsuranceRelation,
  relations: readonly InsuranceRelation[],
  from: IsoDate,
): InsuranceRelation[] {
  return relations.filter((other) => insureTwice(relation, other, from));
}

/** E17: the first pair of ACTIVE relations that insure the person twice on or after `from`, if any. */
export function findDoubleActive(
  relations: readonly InsuranceRelation[],
  from: IsoDate,
): [InsuranceRelation, InsuranceRelation] | null {
  for (const [i, a] of relations.entries()) {
    const b = relations.slice(i + 1).find((other) => insureTwice(a, other, from));
    if (b) return [a, b];
  }
  return null;
}

/** Sort order that puts employee relations before resident ones (their rules speak first). */
export function employeeFirst(a: InsuranceRelation, b: InsuranceRelation): number {
  return Number(a.scheme === 'RESIDENT') - Number(b.scheme === 'RESIDENT');
}

/** The relations as they stand once the effects are persisted. */
export function applyEffects(relations: readonly InsuranceRelation[], effects: readonly Effect[]): InsuranceRelation[] {
  const result = relations.map((r) => ({ ...r }));
  for (const e of effects) {
    if (e.kind === 'REGISTER') result.push({ ...e.relation });
    const target = 'relationId' in e ? result.find((r) => r.id === e.relationId) : undefined;
    if (!target) continue;
    if (e.kind === 'SUSPEND')
      Object.assign(target, { status: 'SUSPENDED', endDate: e.effectiveDate, suspensionRule: e.rule });
    if (e.kind === 'RESUME') Object.assign(target, { status: 'ACTIVE', endDate: null, suspensionRule: null });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// E11 — resident category ranking

const CATEGORY_RANK: Record<ResidentCategory, number> = {
  SCHOOL: 3,
  VILLAGE: 2,
  WELFARE_INSTITUTION: 2,
  HOUSEHOLD: 1,
  NEWBORN: 1, // not ranked by the text: a newborn is insured through the family, like HOUSEHOLD
};

const SCHOOL_RANK: Record<SchoolLevel, number> = {
  UNIVERSITY: 6,
  HIGHER_VOCATIONAL: 5,
  SECONDARY: 4,
  JUNIOR_HIGH: 3,
  PRIMARY: 2,
  NURSERY: 1,
};

/** E11: compares two resident relations' units; > 0 when `a` ranks higher, 0 when equal. */
export function compareResidentRank(
  a: Pick<InsuranceRelation, 'residentCategory' | 'schoolLevel'>,
  b: Pick<InsuranceRelation, 'residentCategory' | 'schoolLevel'>,
): number {
  const byCategory = rankOf(a.residentCategory) - rankOf(b.residentCategory);
  if (byCategory !== 0 || a.residentCategory !== 'SCHOOL') return byCategory;
  return (a.schoolLevel ? SCHOOL_RANK[a.schoolLevel] : 0) - (b.schoolLevel ? SCHOOL_RANK[b.schoolLevel] : 0);
}

function rankOf(category: ResidentCategory | null): number {
  return category ? CATEGORY_RANK[category] : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// E13 — lapse facts

/**
 * E13 / B7: the lapse before a new relation starting on `resumesOn` for `periodYear`, from the relation history.
 * A lapse year is a calendar year, between the first year ever covered and `periodYear`, in which the person held
 * no relation at all (any scheme, region, status). Null when there is no history, or when the person was covered up
 * to the day before `resumesOn` (a change of unit, not a re-enrolment).
 */
export function lapseBefore(
  history: readonly InsuranceRelation[],
  periodYear: number,
  resumesOn: IsoDate,
  outsideCentralisedPeriod: boolean,
): LapseFacts | null {
  const earlier = history.filter((r) => r.startDate < resumesOn);
  if (earlier.length === 0) return null;
  const spans = earlier.map((r) => ({ from: r.startDate, to: coverageEnd(r) }));
  const firstYear = Math.min(...spans.map((s) => yearOf(s.from)));
  const lapseYears: number[] = [];
  for (let y = firstYear; y < periodYear; y++) {
    if (!spans.some((s) => yearOf(s.from) <= y && y <= yearOf(s.to))) lapseYears.push(y);
  }
  const lastCoveredOn = spans.map((s) => s.to).reduce(maxDate);
  if (daysBetween(lastCoveredOn, resumesOn) <= 1) return null; // covered up to the day before: no lapse
  return { lapseYears, lastCoveredOn, resumesOn, outsideCentralisedPeriod };
}
