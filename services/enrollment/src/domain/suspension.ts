import { assertIsoDate } from './dates';
import { reasons, refusals } from './messages';
import { isTianjin, keptInTianjin } from './regions';
import { suspension } from './relations';
import {
  DomainInputError,
  SuspensionChannel,
  type Applicant,
  type Decision,
  type IsoDate,
  type PersonSnapshot,
  type RuleRefusal,
  type SuspendEffect,
} from './types';

/** E15: an application to suspend a relation (暂停参保关系申报), from the person or from the employer. */
export interface SuspensionApplication {
  relationId: string;
  applicant: Applicant;
  channel: SuspensionChannel;
}

const CHANNELS: readonly string[] = Object.values(SuspensionChannel);

/**
 * E15, E7, E4, E6: anyone may suspend their own ACTIVE Tianjin relation, through any channel (recorded on the
 * effect); an employer-staff relation is suspended by its employer only — until then the employment relation is kept
 * (E7). A retiree's employee relation stays ACTIVE (E4: 职工医保参保状态为正常参保). A resident relation is suspended
 * by the priority order (E6: 按照学籍地、户籍地、居住地优先原则办理居民参保关系暂停手续): not while the person's first-ranked
 * tie is in Tianjin. The suspension takes effect `today`, or on the relation's start when it has not started yet; an
 * employee relation stays covered to the end of the month (E3).
 */
export function decideSuspension(
  snapshot: PersonSnapshot,
  application: SuspensionApplication,
  today: IsoDate,
): Decision<SuspendEffect> {
  assertIsoDate(today);
  if (!CHANNELS.includes(application.channel)) throw new DomainInputError(`unknown channel ${application.channel}`);
  const refuse = (refusal: RuleRefusal) => ({ ok: false as const, refusal });

  const relation = snapshot.relations.find((r) => r.id === application.relationId && r.personId === snapshot.person.id);
  if (!relation) return refuse(refusals.E15_NOT_FOUND());
  if (!isTianjin(relation.regionCode)) return refuse(refusals.E15_ELSEWHERE(relation));
  if (relation.status !== 'ACTIVE') return refuse(refusals.E15_NOT_ACTIVE(relation));
  if (relation.scheme === 'EMPLOYEE' && relation.retired) return refuse(refusals.E4_RETIREE_STAYS(relation));

  const staff = relation.scheme === 'EMPLOYEE' && relation.employeeCategory === 'EMPLOYER_STAFF' && !relation.retired;
  const { applicant } = application;
  if (applicant.kind === 'PERSON') {
    if (applicant.personId !== relation.personId) return refuse(refusals.E15_NOT_OWN());
    if (staff) return refuse(refusals.E7_EMPLOYER_APPLIES(relation));
  } else if (!staff || applicant.unitCode !== relation.unitCode) {
    return refuse(refusals.E15_NOT_STAFF());
  }
  if (relation.scheme === 'RESIDENT' && keptInTianjin(snapshot.person)) return refuse(refusals.E6_SUSPENSION());

  return {
    ok: true,
    effects: [suspension(relation, 'E15', reasons.E15, today, { channel: application.channel, applicant })],
    warnings: [],
  };
}
