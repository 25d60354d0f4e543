import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { DataSource } from 'typeorm';
import { validatePerson } from '../domain';
import { PersonEntity, type Gender, type IdType } from '../entities/person.entity';
import { createEnrollmentLoaders } from './loaders';
import { assertMayReadPerson, assertStaff } from './access';
import { EnrollmentError, EnrollmentErrorCode } from './errors';

export interface RegisterPersonCommand {
  idType: IdType;
  idNumber: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  mobile: string | null;
  householdRegion: string | null;
  residenceRegion: string | null;
  schoolRegion: string | null;
}

export class PersonService {
  private readonly ds: DataSource;

  constructor(private readonly runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
  }

  /** Registers a person and emits person-registered in the same transaction. */
  async register(command: RegisterPersonCommand, actor: Identity): Promise<PersonEntity> {
    const checked = validatePerson(command, this.runtime.clock.today());
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    assertStaff(actor);
    const person = await this.runtime.command(async (manager) => {
      const existing = await manager.findOne(PersonEntity, { where: { idNumber: command.idNumber } });
      if (existing) throw this.alreadyRegistered(existing.id);
      const saved = await manager.save(manager.create(PersonEntity, command)).catch((e: { code?: string }) => {
        if (e.code === '23505') throw this.alreadyRegistered(null); // registered concurrently
        throw e;
      });
      await this.runtime.outbox.write(manager, 'person-registered', saved.id, {
        personId: saved.id,
        idType: saved.idType,
        idNumber: saved.idNumber,
        name: saved.name,
        gender: saved.gender,
        birthDate: saved.birthDate,
        mobile: saved.mobile,
        householdRegion: saved.householdRegion,
        registeredAt: saved.createdAt.toISOString(),
      });
      return saved;
    });
    return person;
  }

  /** One person, as the graph reads them (an employer sees its own staff; a person only themselves). */
  byId(id: string, reader: Identity): Promise<PersonEntity | null> {
    return createEnrollmentLoaders(this.ds, reader).person.load(id);
  }

  async byIdNumber(idNumber: string, reader: Identity): Promise<PersonEntity | null> {
    const person = await this.ds.getRepository(PersonEntity).findOne({ where: { idNumber } });
    // checked whether or not the number exists, so that a caller cannot learn who is registered
    assertMayReadPerson(reader, person?.id ?? 'nobody');
    return person;
  }

  private alreadyRegistered(personId: string | null): EnrollmentError {
    return new EnrollmentError(
      EnrollmentErrorCode.PERSON_ALREADY_REGISTERED,
      { zh: '该证件号码已登记', en: 'this ID number is already registered' },
      { existingPersonId: personId },
    );
  }
}
