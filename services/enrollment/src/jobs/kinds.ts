import { isIsoDate, lastDayOfMonth } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import {
  selectGraduates,
  selectNewbornsWithoutId,
  selectYearEndLapses,
  type PersonSnapshot,
  type RuleId,
  type SuspendEffect,
} from '../domain';
import type { BatchJobKind } from '../entities';
import { centralisedPeriodFor } from '../app/snapshot';
import { EnrollmentError } from '../app/errors';

export type { BatchJobKind } from '../entities';

/** Picks the suspensions of one person's snapshot: the domain's selector with the run's parameters bound. */
export type PersonSelector = (snapshot: PersonSnapshot) => SuspendEffect[];

/**
 * One batch job kind (E12–E14). The SQL only narrows the persons to look at (a superset: ACTIVE relations of the
 * categories the rule is about); whether a relation is suspended is decided by the domain's selector on the
 * person's snapshot, so the rule lives in one place.
 */
export interface BatchJobKindSpec {
  kind: BatchJobKind;
  rule: RuleId;
  /** Why `runDate` cannot be this kind's run date, or null when it can. */
  runDateProblem(runDate: string): { zh: string; en: string } | null;
  /** SELECT of candidate person ids as `id`; `$1` is the run date. */
  candidatesSql: string;
  /** Binds the selector to the run (loads what it needs, e.g. E13's centralised period) in the chunk's transaction. */
  selector(m: EntityManager, runDate: string): Promise<PersonSelector>;
}

const ACTIVE_RESIDENT = `r.status = 'ACTIVE' AND r.scheme = 'RESIDENT'`;

export const BATCH_JOB_KINDS: Record<BatchJobKind, BatchJobKindSpec> = {
  GRADUATION: {
    kind: 'GRADUATION',
    rule: 'E12',
    runDateProblem: () => null,
    candidatesSql: `
      SELECT DISTINCT r.person_id AS id FROM insurance_relation r
       WHERE ${ACTIVE_RESIDENT} AND r.resident_category = 'SCHOOL'
         AND r.school_level IN ('UNIVERSITY', 'HIGHER_VOCATIONAL') AND r.expected_graduation <= $1::date`,
    selector: async (_m, runDate) => (s) => selectGraduates(s.relations, runDate),
  },
  YEAR_END: {
    kind: 'YEAR_END',
    rule: 'E13',
    runDateProblem: (runDate) =>
      runDate.slice(5) === '12-31'
        ? null
        : { zh: '年末批处理的日期须为12月31日', en: 'the year-end batch runs on 31 December (YYYY-12-31)' },
    candidatesSql: `
      SELECT DISTINCT r.person_id AS id FROM insurance_relation r
       WHERE ${ACTIVE_RESIDENT}
         AND r.resident_category IN ('HOUSEHOLD', 'VILLAGE', 'WELFARE_INSTITUTION')
         AND r.period_year = extract(year FROM $1::date)::int`,
    selector: async (m, runDate) => {
      const year = Number(runDate.slice(0, 4));
      const period = await centralisedPeriodFor(m, year + 1);
      return (s) => selectYearEndLapses(s.relations, s.contributions, year, period);
    },
  },
  NEWBORN_MONTH_END: {
    kind: 'NEWBORN_MONTH_END',
    rule: 'E14',
    runDateProblem: (runDate) =>
      lastDayOfMonth(runDate) === runDate
        ? null
        : { zh: '新生儿批处理的日期须为月末最后一天', en: 'the newborn batch runs on the last day of a month' },
    candidatesSql: `
      SELECT p.id FROM person p
       WHERE p.id_type = 'BIRTH_CERTIFICATE' AND p.birth_date < $1::date
         AND EXISTS (SELECT 1 FROM insurance_relation n WHERE n.person_id = p.id AND n.resident_category = 'NEWBORN')
         AND EXISTS (SELECT 1 FROM insurance_relation r WHERE r.person_id = p.id AND ${ACTIVE_RESIDENT})`,
    selector: async (_m, runDate) => (s) => selectNewbornsWithoutId(s.relations, [s.person], runDate),
  },
};

export function kindSpec(kind: BatchJobKind): BatchJobKindSpec {
  const spec = BATCH_JOB_KINDS[kind];
  if (!spec)
    throw EnrollmentError.invalid('kind', { zh: `未知的批处理类型 ${kind}`, en: `unknown batch job kind ${kind}` });
  return spec;
}

/**
 * A run date must be a real date of the kind's calendar (31 December, a month end) and must have come: a batch
 * for a day still ahead would suspend people who may yet pay, graduate later or get their ID.
 */
export function assertRunDate(kind: BatchJobKind, runDate: string, today: string): void {
  if (!isIsoDate(runDate)) {
    throw EnrollmentError.invalid('runDate', {
      zh: '日期格式应为 YYYY-MM-DD',
      en: 'a run date is a real YYYY-MM-DD date',
    });
  }
  const problem = kindSpec(kind).runDateProblem(runDate);
  if (problem) throw EnrollmentError.invalid('runDate', problem);
  if (runDate > today) {
    throw EnrollmentError.invalid('runDate', {
      zh: `批处理日期 ${runDate} 尚未到来（今天是 ${today}）`,
      en: `the run date ${runDate} has not come yet (today is ${today})`,
    });
  }
}
