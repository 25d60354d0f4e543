import type { Identity, ServiceRuntime } from '@yibao/shared';
import { validateConsent, validateConsentForm, type ConsentChannel } from '../domain';
import { ConsentEntity, PersonEntity } from '../entities';
import { assertMayReadPerson, assertStaff } from './access';
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
}
