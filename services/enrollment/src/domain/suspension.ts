import { assertIsoDate } from './dates';
import { reasons, refusals } from './messages';
import { isTianjin } from './regions';
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
  type Warning,
} from './types';

/** E15: an application to suspend a relation (暂停参保关系申报), from the person or from the employer. */
export interface SuspensionApplication {
  relationId: string;
  applicant: Applicant;
  channel: SuspensionChannel;
}

const CHANNELS: readonly string[] = Object.values(SuspensionChannel);

/**
 * E15, E7: anyone may suspend their own ACTIVE Tianjin relation, through any channel (recorded on the effect); an
 * employer-staff relation is suspended by its employer only — until then the employment relation is kept (E7).
 * The suspension takes effect `today`; an employee relation stays covered to the end of the month (E3).
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

  const staff = relation.scheme === 'EMPLOYEE' && relation.employeeCategory === 'EMPLOYER_STAFF' && !relation.retired;
  const { applicant } = application;
  if (applicant.kind === 'PERSON') {
    if (applicant.personId !== relation.personId) return refuse(refusals.E15_NOT_OWN());
    if (staff) return refuse(refusals.E7_EMPLOYER_APPLIES(relation));
  } else if (!staff || applicant.unitCode !== relation.unitCode) {
    return refuse(refusals.E15_NOT_STAFF());
  }

  const warnings: Warning[] = relation.retired ? [{ rule: 'E4', message: reasons.E4_RETIREE_SUSPENDED }] : [];
  return {
    ok: true,
    effects: [suspension(relation, 'E15', reasons.E15, today, { channel: application.channel, applicant })],
    warnings,
  };
}
