import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type {
  RegistrationNoticeEntity,
  RelationEntity,
  RelationHistoryEntity,
  SuspensionApplicationEntity,
} from '../entities';
import { BatchJobEntity, EmployerEntity, PersonEntity } from '../entities';
import { assertStaff } from './access';
import { createEnrollmentLoaders } from './loaders';
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
    if (s.text) {
      const t = `${s.text.replace(/[%_\\]/g, '\\$&')}%`;
      // A branch sees other districts' ID numbers masked; a prefix search over them would give the hidden digits back
      // one by one. It matches ID numbers of its own district's persons only (names anywhere).
      if (reader.role === 'DISTRICT_STAFF')
        qb.andWhere(
          '(p.name LIKE :t OR (p.id_number LIKE :t AND (p.household_region = :d OR p.residence_region = :d)))',
          { t, d: reader.district ?? '' },
        );
      else qb.andWhere('(p.name LIKE :t OR p.id_number LIKE :t)', { t });
    }
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

  // Single reads go through the same loaders the graph batches with: one implementation of each read and its check.

  relationsOf(personId: string, reader: Identity): Promise<RelationEntity[]> {
    return createEnrollmentLoaders(this.ds, reader).relationsOf.load(personId);
  }

  relation(id: string, reader: Identity): Promise<RelationEntity | null> {
    return createEnrollmentLoaders(this.ds, reader).relation.load(id);
  }

  /** The relation's history, oldest first (who, when, why); read through its relation, which checks the reader. */
  async historyOf(relationId: string, reader: Identity): Promise<RelationHistoryEntity[]> {
    const loaders = createEnrollmentLoaders(this.ds, reader);
    return (await loaders.relation.load(relationId)) ? loaders.historyOf.load(relationId) : [];
  }

  suspensionApplicationsOf(personId: string, reader: Identity): Promise<SuspensionApplicationEntity[]> {
    return createEnrollmentLoaders(this.ds, reader).suspensionApplicationsOf.load(personId);
  }

  registrationNoticesOf(personId: string, reader: Identity): Promise<RegistrationNoticeEntity[]> {
    return createEnrollmentLoaders(this.ds, reader).registrationNoticesOf.load(personId);
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
