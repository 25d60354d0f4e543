import { relationCoverage, spansOn, type CoverageSpan, type SuspensionSpan } from './ledger';
import type { BenefitStatus, Bilingual, IsoDate, RelationFacts, RuleId } from './types';

/** When benefits start for each relation, as assigned (B6, B7): a relation is WAITING before its coveredFrom. */
export interface WaitingAssignment {
  relationId: string;
  coveredFrom: IsoDate;
  waitingStartsOn: IsoDate;
}

export interface StatusAnswer {
  date: IsoDate;
  status: BenefitStatus;
  rule: RuleId | string;
  relationId: string | null;
  reason: Bilingual;
}

/**
 * A person's benefit status on a date, from their relations and the waiting periods assigned:
 * - COVERED when a relation covers the day and its waiting period (if any) is over; E3: the rest of the month of an
 *   employee suspension is still covered;
 * - WAITING when a relation covers the day but benefits start later (B6, B7);
 * - SUSPENDED when a relation is suspended on that day and not resumed (E14: a newborn without an ID number; any
 *   suspended relation suspends its benefits);
 * - NOT_INSURED otherwise.
 */
export function statusOn(
  relations: readonly RelationFacts[],
  waiting: readonly WaitingAssignment[],
  date: IsoDate,
): StatusAnswer {
  const coverage = relations.map((r) => ({ r, ...relationCoverage(r) }));
  const spans: CoverageSpan[] = coverage.flatMap((c) => c.spans);
  const covering = spansOn(spans, date);
  const waitingOf = new Map(waiting.map((w) => [w.relationId, w]));
  const covered = covering.filter((s) => {
    const w = waitingOf.get(s.ref);
    return !w || w.coveredFrom <= date;
  });
  const best = covered.find((s) => !s.coveredSuspensionFrom || date < s.coveredSuspensionFrom) ?? covered[0];
  if (best) {
    if (best.coveredSuspensionFrom && date >= best.coveredSuspensionFrom)
      return {
        date,
        status: 'COVERED',
        rule: 'E3',
        relationId: best.ref,
        reason: {
          zh: '职工医保参保关系已暂停，暂停当月仍按规定享受职工医保待遇',
          en: 'the employee relation is suspended; the month of suspension is still covered by employee benefits',
        },
      };
    if (best.openedBy === 'E14')
      return {
        date,
        status: 'COVERED',
        rule: 'E14',
        relationId: best.ref,
        reason: {
          zh: `新生儿已办理身份证件信息变更，自 ${best.from} 起恢复参保关系及医保待遇`,
          en: `the newborn's ID number is recorded: relation and benefits restored from ${best.from}`,
        },
      };
    const w = waitingOf.get(best.ref);
    const waited = w !== undefined && w.coveredFrom > best.from;
    return {
      date,
      status: 'COVERED',
      rule: waited ? 'B7' : best.scheme === 'EMPLOYEE' ? 'B1' : 'B7',
      relationId: best.ref,
      reason: waited
        ? {
            zh: `待遇等待期已满，自 ${w.coveredFrom} 起享受待遇`,
            en: `the waiting period is over; covered since ${w.coveredFrom}`,
          }
        : {
            zh: `${best.scheme === 'EMPLOYEE' ? '职工医保' : '居民医保'}参保关系 ${best.ref}（${best.regionCode}）正常享受待遇`,
            en: `covered by ${best.scheme === 'EMPLOYEE' ? 'employee' : 'resident'} relation ${best.ref} (${best.regionCode})`,
          },
    };
  }
  const waitingSpan = covering[0];
  if (waitingSpan) {
    const w = waitingOf.get(waitingSpan.ref)!;
    return {
      date,
      status: 'WAITING',
      rule: 'B7',
      relationId: waitingSpan.ref,
      reason: {
        zh: `已参保，处于待遇等待期，自 ${w.coveredFrom} 起享受待遇`,
        en: `insured and in the waiting period; covered from ${w.coveredFrom}`,
      },
    };
  }
  const suspended: Array<SuspensionSpan> = coverage
    .flatMap((c) => c.suspensions)
    .filter((s) => s.from <= date && date <= s.to)
    .sort((a, b) => b.from.localeCompare(a.from));
  const s = suspended[0];
  if (s) {
    const newborn = s.cause === 'E14';
    return {
      date,
      status: 'SUSPENDED',
      rule: newborn ? 'E14' : s.cause,
      relationId: s.relationId,
      reason: newborn
        ? {
            zh: '新生儿出生超过180天未办理身份证件变更，参保关系及医保待遇暂停；办理信息变更后恢复',
            en: 'a newborn more than 180 days old without an ID number: relation and benefits suspended until the ID is recorded',
          }
        : {
            zh: `参保关系自 ${s.from} 起暂停（${s.cause}），暂停期间不享受待遇`,
            en: `the relation is suspended since ${s.from} (${s.cause}); no benefits while suspended`,
          },
    };
  }
  return {
    date,
    status: 'NOT_INSURED',
    rule: 'B7',
    relationId: null,
    reason: { zh: '当日无任何参保关系', en: 'no relation covers this day' },
  };
}
