import { RESIDENT_ID_SHAPE } from './consent';
import { assertIsoDate, daysBetween, endOfYear, isWithin, lastDayOfMonth } from './dates';
import { reasons, refusals } from './messages';
import { isTianjin } from './regions';
import { applyEffects, clashesWith, coverageEnd, suspension } from './relations';
import {
  DomainInputError,
  type CentralisedPeriod,
  type Contribution,
  type Decision,
  type Effect,
  type InsuranceRelation,
  type IsoDate,
  type Person,
  type PersonSnapshot,
  type SchoolLevel,
  type SuspendEffect,
  type Warning,
} from './types';

/** Batch selectors (E12–E14): pure, they return the suspensions the month-end or year-end job persists. */

const activeTianjinResident = (r: InsuranceRelation, on: IsoDate): boolean =>
  r.status === 'ACTIVE' && r.scheme === 'RESIDENT' && isTianjin(r.regionCode) && coverageEnd(r) >= on;

/**
 * A batch suspends from its run date; a relation that has not started yet (next year's, registered in the
 * centralised period) is suspended from its own start, never before it (`suspension` does so for every rule).
 */
const batchSuspension = (
  r: InsuranceRelation,
  rule: 'E12' | 'E13' | 'E14',
  reason: Parameters<typeof suspension>[2],
  on: IsoDate,
) => suspension(r, rule, reason, on);

/** 高校: the text's graduation batch is for students of higher education. */
const HIGHER_EDUCATION: readonly SchoolLevel[] = ['UNIVERSITY', 'HIGHER_VOCATIONAL'];

/**
 * E12: students of higher education (高校: UNIVERSITY, HIGHER_VOCATIONAL) whose recorded school years have run out
 * (`expectedGraduation` on or before `today`) are suspended when they graduate, from `today`. A relation with no
 * maintained school years is left alone.
 */
export function selectGraduates(relations: readonly InsuranceRelation[], today: IsoDate): SuspendEffect[] {
  assertIsoDate(today);
  return relations
    .filter(
      (r) =>
        activeTianjinResident(r, today) &&
        r.residentCategory === 'SCHOOL' &&
        r.schoolLevel != null &&
        HIGHER_EDUCATION.includes(r.schoolLevel) &&
        r.expectedGraduation != null &&
        r.expectedGraduation <= today,
    )
    .map((r) => batchSuspension(r, 'E12', reasons.E12, today));
}

/**
 * E13: on 31 December of `year`, HOUSEHOLD, VILLAGE and WELFARE_INSTITUTION residents ACTIVE in `year` who did not
 * pay next year's resident contribution inside the centralised period (`period`, for `year + 1`) are suspended.
 * A contribution refunded since does not count as paid.
 */
export function selectYearEndLapses(
  relations: readonly InsuranceRelation[],
  contributions: readonly Contribution[],
  year: number,
  period: CentralisedPeriod,
): SuspendEffect[] {
  if (period.forYear !== year + 1) throw new DomainInputError(`the centralised period for ${year + 1} is needed`);
  const paid = new Set(
    contributions
      .filter(
        (c) =>
          c.scheme === 'RESIDENT' &&
          c.year === period.forYear &&
          c.refundedOn == null &&
          isWithin(c.paidOn, period.from, period.to),
      )
      .map((c) => c.personId),
  );
  const yearEnd = endOfYear(year);
  return relations
    .filter(
      (r) =>
        activeTianjinResident(r, yearEnd) &&
        r.periodYear === year &&
        (r.residentCategory === 'HOUSEHOLD' ||
          r.residentCategory === 'VILLAGE' ||
          r.residentCategory === 'WELFARE_INSTITUTION') &&
        !paid.has(r.personId),
    )
    .map((r) => suspension(r, 'E13', reasons.E13, yearEnd));
}

/**
 * E14: at a month end, persons registered as newborns with a birth certificate who are more than 180 days old
 * (the day of birth not counted) and still have no ID number: every ACTIVE Tianjin resident relation of theirs
 * still running at the month end is suspended, and with it the benefits.
 */
export function selectNewbornsWithoutId(
  relations: readonly InsuranceRelation[],
  persons: readonly Person[],
  monthEnd: IsoDate,
): SuspendEffect[] {
  assertIsoDate(monthEnd);
  if (lastDayOfMonth(monthEnd) !== monthEnd) throw new DomainInputError(`${monthEnd} is not a month end`);
  const overdue = new Set(
    persons
      .filter(
        (p) => p.idType === 'BIRTH_CERTIFICATE' && p.birthDate != null && daysBetween(p.birthDate, monthEnd) > 180,
      )
      .map((p) => p.id),
  );
  const newborns = new Set(relations.filter((r) => r.residentCategory === 'NEWBORN').map((r) => r.personId));
  return relations
    .filter((r) => overdue.has(r.personId) && newborns.has(r.personId) && activeTianjinResident(r, monthEnd))
    .map((r) => batchSuspension(r, 'E14', reasons.E14, monthEnd));
}

/**
 * E14: recording the newborn's resident ID number restores every relation the month-end batch suspended, and with
 * it the benefits. A relation that would now insure the person twice stays suspended, with a warning (E17).
 */
export function decideNewbornIdRecorded(snapshot: PersonSnapshot, idNumber: string, today: IsoDate): Decision {
  assertIsoDate(today);
  const { person } = snapshot;
  if (!RESIDENT_ID_SHAPE.test(idNumber)) {
    return { ok: false, refusal: refusals.E14_ID_SHAPE() };
  }
  if (person.idType === 'RESIDENT_ID') {
    if (person.idNumber === idNumber) return { ok: true, effects: [], warnings: [] };
    return { ok: false, refusal: refusals.E14_OTHER_ID() };
  }

  const effects: Effect[] = [{ kind: 'RECORD_RESIDENT_ID', personId: person.id, idNumber }];
  const warnings: Warning[] = [];
  for (const r of snapshot.relations) {
    if (r.status !== 'SUSPENDED' || r.suspensionRule !== 'E14') continue;
    const resume: Effect = {
      kind: 'RESUME',
      relationId: r.id,
      personId: r.personId,
      rule: 'E14',
      reason: reasons.E14_RESUME,
      effectiveDate: today,
    };
    const after = applyEffects(snapshot.relations, [...effects, resume]);
    const resumed = after.find((a) => a.id === r.id) ?? r;
    if (clashesWith(resumed, after, today).length > 0) {
      warnings.push({ rule: 'E17', message: reasons.E17_NOT_RESUMED });
    } else {
      effects.push(resume);
    }
  }
  return { ok: true, effects, warnings };
}
