import { suspendInTianjin, type NotSuspendedWhy } from './cross-province';
import { assertIsoDate, maxDate, minDate } from './dates';
import { isTianjin } from './regions';
import { clashesWith } from './relations';
import {
  DomainInputError,
  type Bilingual,
  type InsuranceRelation,
  type IsoDate,
  type PersonSnapshot,
  type RuleId,
  type SuspendEffect,
} from './types';

/**
 * The national platform's notice that the person was registered in another region; `registeredOn` is the day the
 * registration was made there (the consent must be signed by then).
 */
export type RegistrationNotice = { registeredOn?: IsoDate | null } & Pick<
  InsuranceRelation,
  | 'scheme'
  | 'employeeCategory'
  | 'residentCategory'
  | 'regionCode'
  | 'unitCode'
  | 'unitName'
  | 'periodYear'
  | 'startDate'
>;

export type NoticeOutcome =
  | { suspended: true; effects: SuspendEffect[] }
  | {
      suspended: false;
      why: NotSuspendedWhy | 'NO_OVERLAP';
      rule: RuleId;
      message: Bilingual;
      nextStep: Bilingual;
      /** The person is now insured twice: the case needs following up (E17). */
      insuredTwice: boolean;
    };

/**
 * E5 (先参后停): a registration elsewhere that the national platform reports. With a valid consent naming the new unit
 * and the Tianjin unit, signed by the registration and not used before (E16), the Tianjin resident relation is
 * suspended automatically. Without one — or where E6 keeps the person in Tianjin, the Tianjin relation is a
 * retiree's (E4) or another employee one (E7) — nothing is suspended, and the outcome says why. A registration for a later period (next year's scheme elsewhere) needs no suspension.
 */
export function decideRegistrationNotice(
  snapshot: PersonSnapshot,
  notice: RegistrationNotice,
  today: IsoDate,
): NoticeOutcome {
  assertIsoDate(today);
  assertIsoDate(notice.startDate);
  if (isTianjin(notice.regionCode)) throw new DomainInputError('a registration notice comes from another region');

  const { registeredOn, ...facts } = notice;
  if (registeredOn != null) assertIsoDate(registeredOn);
  const elsewhere: InsuranceRelation = {
    ...facts,
    id: `notice:${notice.regionCode}:${notice.unitCode ?? ''}`,
    personId: snapshot.person.id,
    schoolLevel: null,
    retired: false,
    endDate: null,
    status: 'ACTIVE',
  };
  const clashing = clashesWith(elsewhere, snapshot.relations, today).filter((r) => isTianjin(r.regionCode));
  if (clashing.length === 0) {
    return {
      suspended: false,
      why: 'NO_OVERLAP',
      rule: 'E5',
      message: {
        zh: '本市无与新参保期间重叠的正常参保关系（参加下一年度外省市居民医保无需暂停本年度参保关系）',
        en: "no active Tianjin relation overlaps the new registration (next year's scheme elsewhere needs no suspension)",
      },
      nextStep: { zh: '无需办理', en: 'nothing to do' },
      insuredTwice: false,
    };
  }
  // Without the platform's registration day, the registration was made by its start or, for a later start, by today.
  const madeOn = registeredOn ?? minDate(today, notice.startDate);
  const outcome = suspendInTianjin(snapshot, notice, clashing, maxDate(today, notice.startDate), madeOn);
  if (outcome.ok) return { suspended: true, effects: outcome.suspensions };
  return {
    suspended: false,
    why: outcome.why,
    rule: outcome.refusal.rule,
    message: outcome.refusal.reason,
    nextStep: outcome.refusal.nextStep,
    insuredTwice: true,
  };
}
