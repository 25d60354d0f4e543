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
  const loaded = (await loadPersons(m, [personId])).get(personId);
  if (!loaded) throw EnrollmentError.notFound(EnrollmentErrorCode.PERSON_NOT_FOUND, personId);
  return loaded;
}

/**
 * What the rules need about many persons (a batch's chunk; one for `loadPerson`) in four queries, one after the other
 * (a transaction has one connection): the persons locked FOR UPDATE in id order (two chunks never wait on each other
 * crosswise), their relations, contributions and consents, each in the order the rules read them. A person id not
 * found is missing from the map.
 * Every command locks the person before it changes a relation; a writer that changes one anyway is caught by the
 * relation's `version`, which `EffectWriter.suspendMany` checks.
 */
export async function loadPersons(m: EntityManager, personIds: readonly string[]): Promise<Map<string, LoadedPerson>> {
  const ids = [...personIds];
  const persons = await m
    .getRepository(PersonEntity)
    .createQueryBuilder('p')
    .where('p.id = ANY(CAST(:ids AS uuid[]))', { ids })
    .orderBy('p.id')
    .setLock('pessimistic_write')
    .getMany();
  const relations = await m
    .getRepository(RelationEntity)
    .createQueryBuilder('r')
    .where('r.personId = ANY(CAST(:ids AS uuid[]))', { ids })
    .orderBy('r.personId')
    .addOrderBy('r.startDate', 'ASC')
    .addOrderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id')
    .getMany();
  const contributions = await m
    .getRepository(ContributionEntity)
    .createQueryBuilder('c')
    .where('c.personId = ANY(CAST(:ids AS uuid[]))', { ids })
    .orderBy('c.paidOn', 'ASC')
    .getMany();
  const consents = await m
    .getRepository(ConsentEntity)
    .createQueryBuilder('s')
    .where('s.personId = ANY(CAST(:ids AS uuid[]))', { ids })
    .orderBy('s.signedAt', 'ASC')
    .getMany();
  const byPerson = <T extends { personId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.personId);
      if (list) list.push(row);
      else map.set(row.personId, [row]);
    }
    return map;
  };
  const relationsOf = byPerson(relations);
  const contributionsOf = byPerson(contributions);
  const consentsOf = byPerson(consents);
  const loaded = new Map<string, LoadedPerson>();
  for (const person of persons) {
    const rels = relationsOf.get(person.id) ?? [];
    loaded.set(person.id, {
      person,
      relations: rels,
      snapshot: toSnapshot(person, rels, contributionsOf.get(person.id) ?? [], consentsOf.get(person.id) ?? []),
    });
  }
  return loaded;
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
