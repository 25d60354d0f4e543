import { groupLoader, rowLoader, type Identity } from '@yibao/shared';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import {
  ConsentEntity,
  ContributionEntity,
  PersonEntity,
  RegistrationNoticeEntity,
  RelationEntity,
  RelationHistoryEntity,
  SuspensionApplicationEntity,
} from '../entities';
import { assertMayReadPerson } from './access';
import { EnrollmentError } from './errors';

/**
 * The reads of one request, batched: a federated query for N persons costs one SQL query per field, not one per
 * person. Every loader checks the reader as the single reads do (`assertMayReadPerson`); a refused key fails only
 * its own field.
 */
export interface EnrollmentLoaders {
  person: DataLoader<string, PersonEntity | null>;
  relation: DataLoader<string, RelationEntity | null>;
  relationsOf: DataLoader<string, RelationEntity[]>;
  historyOf: DataLoader<string, RelationHistoryEntity[]>;
  consentsOf: DataLoader<string, ConsentEntity[]>;
  contributionsOf: DataLoader<string, ContributionEntity[]>;
  suspensionApplicationsOf: DataLoader<string, SuspensionApplicationEntity[]>;
  registrationNoticesOf: DataLoader<string, RegistrationNoticeEntity[]>;
}

/** The reader's refusal for a person, or null when they may read them. */
function refusalFor(reader: Identity, personId: string): Error | null {
  try {
    assertMayReadPerson(reader, personId);
    return null;
  } catch (e) {
    if (e instanceof EnrollmentError) return e;
    throw e;
  }
}

/** An employer sees the persons it insures as its staff (not their other relations): one query for the batch. */
async function insuredAsStaff(ds: DataSource, reader: Identity, personIds: string[]): Promise<Set<string>> {
  if (reader.role !== 'EMPLOYER' || !reader.employerCode || personIds.length === 0) return new Set();
  const rows: Array<{ person_id: string }> = await ds.query(
    `SELECT DISTINCT person_id FROM insurance_relation
      WHERE person_id = ANY($1) AND unit_code = $2 AND employee_category = 'EMPLOYER_STAFF'`,
    [personIds, reader.employerCode],
  );
  return new Set(rows.map((r) => r.person_id));
}

export function createEnrollmentLoaders(ds: DataSource, reader: Identity): EnrollmentLoaders {
  const byPerson = <V extends { personId: string }>(
    fetch: (personIds: string[]) => Promise<V[]>,
  ): DataLoader<string, V[]> =>
    groupLoader(
      (keys) => fetch([...keys]),
      (row) => row.personId,
      (personId) => refusalFor(reader, personId),
    );

  return {
    // Refused before existence is looked at, like `persons.byId`: a caller cannot learn who is registered.
    person: new DataLoader<string, PersonEntity | null>(async (ids) => {
      const persons = new Map(
        (await ds.getRepository(PersonEntity).findBy({ id: In([...ids]) })).map((p) => [p.id, p]),
      );
      const staff = await insuredAsStaff(ds, reader, [...persons.keys()]);
      return ids.map((id) => (staff.has(id) ? null : refusalFor(reader, id)) ?? persons.get(id) ?? null);
    }),
    relation: rowLoader(
      (ids) => ds.getRepository(RelationEntity).findBy({ id: In([...ids]) }),
      (r) => r.id,
      (r) => refusalFor(reader, r.personId),
    ),
    relationsOf: byPerson((personIds) =>
      ds
        .getRepository(RelationEntity)
        .find({ where: { personId: In(personIds) }, order: { startDate: 'ASC', createdAt: 'ASC' } }),
    ),
    // A relation's history is read through its relation, whose loader has checked the reader.
    historyOf: groupLoader(
      (relationIds) =>
        ds
          .getRepository(RelationHistoryEntity)
          .find({ where: { relationId: In([...relationIds]) }, order: { changedAt: 'ASC' } }),
      (h) => h.relationId,
    ),
    consentsOf: byPerson((personIds) =>
      ds.getRepository(ConsentEntity).find({ where: { personId: In(personIds) }, order: { signedAt: 'ASC' } }),
    ),
    contributionsOf: byPerson((personIds) =>
      ds
        .getRepository(ContributionEntity)
        .find({ where: { personId: In(personIds) }, order: { year: 'ASC', paidOn: 'ASC' } }),
    ),
    suspensionApplicationsOf: byPerson((personIds) =>
      ds
        .getRepository(SuspensionApplicationEntity)
        .find({ where: { personId: In(personIds) }, order: { createdAt: 'ASC' } }),
    ),
    registrationNoticesOf: byPerson((personIds) =>
      ds
        .getRepository(RegistrationNoticeEntity)
        .find({ where: { personId: In(personIds) }, order: { receivedAt: 'ASC' } }),
    ),
  };
}
