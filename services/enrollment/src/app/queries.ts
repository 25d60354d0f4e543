import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  BatchJobEntity,
  EmployerEntity,
  PersonEntity,
  RegistrationNoticeEntity,
  RelationEntity,
  RelationHistoryEntity,
  SuspensionApplicationEntity,
} from '../entities';
import { assertMayReadPerson, assertStaff } from './access';
import { decodeCursor, toPage, type Page } from './pagination';

export interface PersonSearch {
  /** Name prefix, or ID number prefix. */
  text: string | null;
  householdRegion: string | null;
  first: number;
  after: string | null;
}

export interface EmployerSearch {
  text: string | null;
  district: string | null;
  first: number;
  after: string | null;
}

function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  first: number,
  after: string | null,
) {
  // The key is created_at to the millisecond (what the cursor can hold: PostgreSQL keeps microseconds, a JS Date
  // only milliseconds — comparing the full value would bring the cursor's own row back on the next page), then id.
  const createdAt = `date_trunc('milliseconds', ${alias}.created_at)`;
  if (after) {
    const c = decodeCursor(after);
    qb.andWhere(`(${createdAt}, ${alias}.id) > (:cAt, :cId)`, { cAt: c.createdAt, cId: c.id });
  }
  return qb
    .orderBy(createdAt, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(first + 1);
}

/** Reads for staff consoles and the app: search with cursor pagination, histories, applications, jobs. */
export class EnrollmentQueries {
  private readonly ds: DataSource;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
  }

  async searchPersons(s: PersonSearch, reader: Identity): Promise<Page<PersonEntity>> {
    assertStaff(reader);
    const qb = this.ds.getRepository(PersonEntity).createQueryBuilder('p');
    if (s.text) qb.andWhere('(p.name LIKE :t OR p.id_number LIKE :t)', { t: `${s.text.replace(/[%_\\]/g, '\\$&')}%` });
    if (s.householdRegion) qb.andWhere('p.household_region = :r', { r: s.householdRegion });
    return toPage(await paginate(qb, 'p', s.first, s.after).getMany(), s.first);
  }

  async searchEmployers(s: EmployerSearch, reader: Identity): Promise<Page<EmployerEntity>> {
    assertStaff(reader);
    const qb = this.ds.getRepository(EmployerEntity).createQueryBuilder('e');
    if (s.text)
      qb.andWhere('(e.name LIKE :t OR e.credit_code LIKE :t)', { t: `%${s.text.replace(/[%_\\]/g, '\\$&')}%` });
    if (s.district) qb.andWhere('e.district = :d', { d: s.district });
    return toPage(await paginate(qb, 'e', s.first, s.after).getMany(), s.first);
  }

  async relationsOf(personId: string, reader: Identity): Promise<RelationEntity[]> {
    assertMayReadPerson(reader, personId);
    return this.ds
      .getRepository(RelationEntity)
      .find({ where: { personId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
  }

  async relation(id: string, reader: Identity): Promise<RelationEntity | null> {
    const r = await this.ds.getRepository(RelationEntity).findOne({ where: { id } });
    if (r) assertMayReadPerson(reader, r.personId);
    return r;
  }

  /** The relation's history, oldest first (who, when, why). */
  async historyOf(relationId: string): Promise<RelationHistoryEntity[]> {
    return this.ds.getRepository(RelationHistoryEntity).find({ where: { relationId }, order: { changedAt: 'ASC' } });
  }

  async suspensionApplicationsOf(personId: string, reader: Identity): Promise<SuspensionApplicationEntity[]> {
    assertMayReadPerson(reader, personId);
    return this.ds
      .getRepository(SuspensionApplicationEntity)
      .find({ where: { personId }, order: { createdAt: 'ASC' } });
  }

  async registrationNoticesOf(personId: string, reader: Identity): Promise<RegistrationNoticeEntity[]> {
    assertMayReadPerson(reader, personId);
    return this.ds.getRepository(RegistrationNoticeEntity).find({ where: { personId }, order: { receivedAt: 'ASC' } });
  }

  async batchJobs(reader: Identity, first = 50): Promise<BatchJobEntity[]> {
    assertStaff(reader);
    return this.ds.getRepository(BatchJobEntity).find({ order: { startedAt: 'DESC' }, take: first });
  }

  async batchJob(id: string, reader: Identity): Promise<BatchJobEntity | null> {
    assertStaff(reader);
    return this.ds.getRepository(BatchJobEntity).findOne({ where: { id } });
  }
}
