import type { EntityManager } from 'typeorm';
import type { CentralisedPeriod, PersonSnapshot } from '../domain';
import { CentralisedPeriodEntity, ConsentEntity, ContributionEntity, PersonEntity, RelationEntity } from '../entities';
import { EnrollmentError, EnrollmentErrorCode } from './errors';
import { toSnapshot } from './mapping';

export interface LoadedPerson {
  person: PersonEntity;
  relations: RelationEntity[];
  snapshot: PersonSnapshot;
}

/**
 * Loads everything the rules need about one person inside the caller's transaction. The person row is locked
 * (FOR UPDATE), so commands for one person run one after the other; the E17 constraint is the last guard.
 */
export async function loadPerson(m: EntityManager, personId: string): Promise<LoadedPerson> {
  const person = await m
    .getRepository(PersonEntity)
    .findOne({ where: { id: personId }, lock: { mode: 'pessimistic_write' } });
  if (!person) throw EnrollmentError.notFound(EnrollmentErrorCode.PERSON_NOT_FOUND, personId);
  // one after the other: a transaction has one connection, and pg does not queue concurrent queries on it
  const relations = await m
    .getRepository(RelationEntity)
    .find({ where: { personId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
  const contributions = await m
    .getRepository(ContributionEntity)
    .find({ where: { personId }, order: { paidOn: 'ASC' } });
  const consents = await m.getRepository(ConsentEntity).find({ where: { personId }, order: { signedAt: 'ASC' } });
  return { person, relations, snapshot: toSnapshot(person, relations, contributions, consents) };
}

/**
 * The centralised enrolment period that concerns `today`: this year's, while it still runs into this year (the city
 * may extend it into January or beyond), otherwise next year's.
 */
export async function centralisedPeriodOn(m: EntityManager, today: string): Promise<CentralisedPeriod> {
  const year = Number(today.slice(0, 4));
  const current = await m.getRepository(CentralisedPeriodEntity).findOne({ where: { forYear: year } });
  if (current && current.toDate >= today) return { forYear: year, from: current.fromDate, to: current.toDate };
  return centralisedPeriodFor(m, year + 1);
}

/** The centralised enrolment period for next year's resident scheme, as the city centre set it. */
export async function centralisedPeriodFor(m: EntityManager, forYear: number): Promise<CentralisedPeriod> {
  const row = await m.getRepository(CentralisedPeriodEntity).findOne({ where: { forYear } });
  if (row) return { forYear, from: row.fromDate, to: row.toDate };
  // Not set for that year: the default of the migration (1 September – 31 December of the year before).
  return { forYear, from: `${forYear - 1}-09-01`, to: `${forYear - 1}-12-31` };
}
