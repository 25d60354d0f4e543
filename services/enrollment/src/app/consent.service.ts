import type { Identity, ServiceRuntime } from '@yibao/shared';
import {
  decideConsentCompletion,
  validateConsent,
  validateConsentForm,
  type ConsentChannel,
  type ConsentUnits,
} from '../domain';
import { ConsentEntity, PersonEntity } from '../entities';
import { assertMayOperateRegion, assertMayReadPerson, assertStaff } from './access';
import { EnrollmentError, EnrollmentErrorCode } from './errors';
import { toDomainConsent } from './mapping';

export interface SignConsentCommand {
  personId: string;
  name: string;
  phone: string;
  originalUnitName: string | null;
  originalUnitCode: string | null;
  newUnitName: string | null;
  newUnitCode: string | null;
  promiseText: string;
  signature: string;
  channel: ConsentChannel;
}

export interface CompleteConsentCommand extends ConsentUnits {
  consentId: string;
}

/** E16: the 知情同意书, signed online by the person or at a counter (the agency fills the unit fields). */
export class ConsentService {
  constructor(private readonly runtime: ServiceRuntime) {}

  async sign(command: SignConsentCommand, actor: Identity): Promise<ConsentEntity> {
    if (command.channel === 'COUNTER') assertStaff(actor);
    else assertMayReadPerson(actor, command.personId);
    const form = validateConsentForm(command, { requireAgencyFields: command.channel === 'COUNTER' });
    if (!form.ok) throw EnrollmentError.problems(form.problems);
    const consent = await this.runtime.command(async (m) => {
      const person = await m
        .getRepository(PersonEntity)
        .findOne({ where: { id: command.personId }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw EnrollmentError.notFound(EnrollmentErrorCode.PERSON_NOT_FOUND, command.personId);
      const entity = m.create(ConsentEntity, {
        ...command,
        idType: person.idType,
        idNumber: person.idNumber,
        signedAt: this.runtime.clock.now(),
      });
      const check = validateConsent(
        { ...toDomainConsent(entity), id: 'new' },
        { requireAgencyFields: command.channel === 'COUNTER' },
      );
      if (!check.ok) throw EnrollmentError.problems(check.problems); // the person's ID document
      const saved = await m.save(entity);
      await this.runtime.outbox.write(m, 'consent-signed', saved.personId, {
        consentId: saved.id,
        personId: saved.personId,
        originalUnitCode: saved.originalUnitCode,
        originalUnitName: saved.originalUnitName,
        newUnitCode: saved.newUnitCode,
        newUnitName: saved.newUnitName,
        channel: saved.channel,
        signedAt: saved.signedAt.toISOString(),
      });
      return saved;
    });
    return consent;
  }

  /**
   * E16, the agency's step (原参保单位名称和编码、本次参保单位名称和编码由经办机构填写): a consent signed online without the
   * units gets them from agency staff, who are recorded. Until then it authorises nothing. Refused once the units are
   * filled or the consent has authorised its one suspension; the completed form must pass every E16 check.
   */
  async complete(command: CompleteConsentCommand, actor: Identity): Promise<ConsentEntity> {
    assertStaff(actor);
    return this.runtime.command(async (m) => {
      const found = await m.getRepository(ConsentEntity).findOne({ where: { id: command.consentId } });
      if (!found) throw EnrollmentError.notFound(EnrollmentErrorCode.CONSENT_NOT_FOUND, command.consentId);
      // the person first, like every command for them; then the consent, locked
      const person = await m
        .getRepository(PersonEntity)
        .findOne({ where: { id: found.personId }, lock: { mode: 'pessimistic_write' } });
      if (person && actor.role === 'DISTRICT_STAFF' && person.householdRegion) {
        assertMayOperateRegion(actor, person.householdRegion);
      }
      const consent = await m
        .getRepository(ConsentEntity)
        .findOneOrFail({ where: { id: command.consentId }, lock: { mode: 'pessimistic_write' } });
      const units: ConsentUnits = {
        originalUnitName: command.originalUnitName,
        originalUnitCode: command.originalUnitCode,
        newUnitName: command.newUnitName,
        newUnitCode: command.newUnitCode,
      };
      const decision = decideConsentCompletion(toDomainConsent(consent), units);
      if (!decision.ok) throw EnrollmentError.refused(decision.refusal);
      if (!decision.validation.ok) throw EnrollmentError.problems(decision.validation.problems);
      Object.assign(consent, units, { completedAt: this.runtime.clock.now(), completedBy: actor.subject });
      const saved = await m.save(consent);
      await this.runtime.outbox.write(m, 'consent-signed', saved.personId, {
        consentId: saved.id,
        personId: saved.personId,
        originalUnitCode: saved.originalUnitCode,
        originalUnitName: saved.originalUnitName,
        newUnitCode: saved.newUnitCode,
        newUnitName: saved.newUnitName,
        channel: saved.channel,
        signedAt: saved.signedAt.toISOString(),
        completedAt: saved.completedAt?.toISOString() ?? null,
      });
      return saved;
    });
  }
}
