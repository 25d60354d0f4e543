import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { DataSource } from 'typeorm';
import { validatePerson } from '../domain';
import { PersonEntity, type Gender, type IdType } from '../entities/person.entity';
import { assertMayReadPerson, assertStaff } from './access';
import { systemClock, type Clock } from './clock';
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

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock = systemClock,
  ) {
    this.ds = runtime.dataSource;
  }

  /** Registers a person and emits person-registered in the same transaction. */
  async register(command: RegisterPersonCommand, actor: Identity): Promise<PersonEntity> {
    const checked = validatePerson(command, this.clock.today());
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    assertStaff(actor);
    const person = await this.ds.transaction(async (manager) => {
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
    this.runtime.relay.kick();
    return person;
  }

  async byId(id: string, reader: Identity): Promise<PersonEntity | null> {
    if (!(await this.isStaffOfEmployer(id, reader))) assertMayReadPerson(reader, id);
    return this.ds.getRepository(PersonEntity).findOne({ where: { id } });
  }

  async byIdNumber(idNumber: string, reader: Identity): Promise<PersonEntity | null> {
    const person = await this.ds.getRepository(PersonEntity).findOne({ where: { idNumber } });
    // checked whether or not the number exists, so that a caller cannot learn who is registered
    assertMayReadPerson(reader, person?.id ?? 'nobody');
    return person;
  }

  /** An employer may see the persons it insures as its staff (not their other relations). */
  private async isStaffOfEmployer(personId: string, reader: Identity): Promise<boolean> {
    if (reader.role !== 'EMPLOYER' || !reader.employerCode) return false;
    const [row] = await this.ds.query(
      `SELECT 1 FROM insurance_relation WHERE person_id = $1 AND unit_code = $2 AND employee_category = 'EMPLOYER_STAFF' LIMIT 1`,
      [personId, reader.employerCode],
    );
    return row !== undefined;
  }

  private alreadyRegistered(personId: string | null): EnrollmentError {
    return new EnrollmentError(
      EnrollmentErrorCode.PERSON_ALREADY_REGISTERED,
      { zh: '该证件号码已登记', en: 'this ID number is already registered' },
      { personId },
    );
  }
}
