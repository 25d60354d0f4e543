import { withCorrelation, type CloudEvent, type EventData } from '@yibao/shared';
import { envelope } from '@yibao/test-kit';
import type { EntityManager } from 'typeorm';
import { BenefitsHarness, active, contribution, newId, person, registered, suspendedEvent } from './harness';

/**
 * A run of relation-suspended applied together (`IngestService.relationsChanged`, what the consumer's batch of a
 * year-end gives) against the real database: it must leave exactly the rows and events that the same events applied
 * one at a time leave, and cost the statements of one event whatever the run's length.
 */
const h = new BenefitsHarness();

beforeAll(() => h.start());
afterAll(() => h.stop());

type Suspended = CloudEvent<EventData<'relation-suspended'>>;

const ds = () => h.service.runtime.dataSource;
const ingest = () => h.app.ingest;

/** Each event in a transaction of its own, under its correlation id: what the consumer does one by one. */
async function oneByOne(events: Suspended[]): Promise<void> {
  for (const e of events)
    await ds().transaction((m) =>
      withCorrelation(e.correlationid ?? e.id, () => ingest().relationChanged(m, 'SUSPENDED', e)),
    );
}

/** A person benefits knows, COVERED in 2026 (paid in the centralised period), and their 2026 relation. */
async function coveredPerson() {
  const p = newId();
  const relation = active(p, { periodYear: 2026, startDate: '2026-01-01' });
  await ds().transaction(async (m) => {
    await ingest().personRegistered(m, envelope('person-registered', p, person(p)));
    await ingest().contribution(
      m,
      envelope('contribution-recorded', p, contribution(p, { year: 2026, paidOn: '2025-11-15' })),
    );
    await ingest().relationRegistered(m, envelope('relation-registered', p, registered(relation, '2025-11-15')));
  });
  return { p, relation };
}

/** E15: a person's own suspension from the day after today (their status changes: an event). */
const ownSuspension = (relation: ReturnType<typeof active>, today: string) =>
  envelope('relation-suspended', relation.personId, suspendedEvent(relation, 'E15', today, null));
/** E13: last year's lapse (arriving late; it changes no status today: the year's coverage had ended anyway). */
const yearEnd = (relation: ReturnType<typeof active>) =>
  envelope('relation-suspended', relation.personId, suspendedEvent(relation, 'E13', '2026-01-01', '2025-12-31'));

/**
 * One group of events: 6 persons benefits knows suspend their relation (E15), one of them again under another event id
 * (as a re-publication would: it cuts the run); 6 persons it never heard of lapsed at the last year-end (E13), the
 * snapshot being all it gets of them.
 */
async function group() {
  const persons: string[] = [];
  const events: Suspended[] = [];
  for (let i = 0; i < 6; i++) {
    const { p, relation } = await coveredPerson();
    persons.push(p);
    events.push(ownSuspension(relation, '2026-07-01'));
  }
  for (let i = 0; i < 6; i++) {
    const p = newId();
    persons.push(p);
    events.push(yearEnd(active(p, { periodYear: 2025, startDate: '2025-01-01' })));
  }
  const again = events[2]!.data.relation;
  events.push(ownSuspension({ ...again, status: 'ACTIVE', endDate: null }, '2026-07-01'));
  return { persons, events };
}

/** Everything the events left for these persons, with ids replaced by their place (so two groups compare). */
type Row = Record<string, unknown> & { person_id: string; status: string; event_id: string };

async function leftBehind(persons: string[], events: Suspended[]) {
  const q = (sql: string): Promise<Row[]> => ds().query(sql, [persons]);
  const rows = {
    relations: await q(
      `SELECT person_id, relation_id, scheme, resident_category, period_year, start_date::text, end_date::text, status,
              registered_on::text, in_centralised_period
         FROM relation_fact WHERE person_id = ANY($1)`,
    ),
    changes: await q(
      `SELECT person_id, relation_id, kind, effective_date::text, covered_until::text, cause, event_id
         FROM relation_change WHERE person_id = ANY($1) ORDER BY seq`,
    ),
    statuses: await q(
      `SELECT person_id, status, effective_date::text, rule FROM benefit_status WHERE person_id = ANY($1)`,
    ),
    published: await q(
      `SELECT message_key AS person_id, topic, (envelope->'data')::jsonb - 'changedAt' AS data, envelope->>'correlationid' AS cid
         FROM outbox WHERE message_key = ANY($1) AND topic = 'benefit-status-changed'
           AND envelope->'data'->>'status' = 'SUSPENDED' ORDER BY seq`,
    ),
  };
  let json = JSON.stringify(rows);
  const places = new Map<string, string>();
  persons.forEach((p, i) => places.set(p, `person${i}`));
  events.forEach((e, i) => {
    places.set(e.id, `event${i}`);
    places.set(e.data.relation.relationId, places.get(e.data.relation.relationId) ?? `relation${i}`);
    if (e.correlationid) places.set(e.correlationid, `event${i}`);
  });
  for (const [id, place] of places) json = json.split(id).join(place);
  const placed = JSON.parse(json) as typeof rows;
  // in the order of the places (the database's order of uuids differs between the groups); changes and events keep seq
  const byPlace = (x: Row[]) =>
    x.sort((l, r) => JSON.stringify(l).localeCompare(JSON.stringify(r), 'en', { numeric: true }));
  return { ...placed, relations: byPlace(placed.relations), statuses: byPlace(placed.statuses) };
}

it('E13, E15: a run of relation-suspended applied together leaves exactly what the events one by one leave', async () => {
  h.clock.set('2026-07-01');
  const together = await group();
  const alone = await group();

  await ds().transaction((m) => ingest().relationsChanged(m, 'SUSPENDED', together.events));
  await oneByOne(alone.events);

  const a = await leftBehind(together.persons, together.events);
  const b = await leftBehind(alone.persons, alone.events);
  expect(a).toEqual(b);

  // and what that is: every relation SUSPENDED; one change per event, in order
  expect(a.relations).toHaveLength(12);
  expect(a.relations.every((r: { status: string }) => r.status === 'SUSPENDED')).toBe(true);
  expect(a.relations.find((r: { person_id: string }) => r.person_id === 'person6')).toEqual({
    person_id: 'person6',
    relation_id: 'relation6',
    scheme: 'RESIDENT',
    resident_category: 'HOUSEHOLD',
    period_year: 2025,
    start_date: '2025-01-01',
    end_date: null,
    status: 'SUSPENDED',
    registered_on: '2026-01-01',
    in_centralised_period: false,
  });
  expect(a.changes.map((c: { event_id: string }) => c.event_id)).toEqual(together.events.map((_e, i) => `event${i}`));
  expect(a.changes[6]).toEqual({
    person_id: 'person6',
    relation_id: 'relation6',
    kind: 'SUSPENDED',
    effective_date: '2026-01-01',
    covered_until: '2025-12-31',
    cause: 'E13',
    event_id: 'event6',
  });
  expect(a.changes.at(-1)).toMatchObject({ person_id: 'person2', relation_id: 'relation2', cause: 'E15' });
  // the 6 known persons are SUSPENDED from tomorrow, each once (the second suspension changes nothing); the year-end
  // lapses change no status (the year's coverage had ended)
  expect(a.statuses.map((s: { person_id: string }) => s.person_id)).toEqual(
    [0, 1, 2, 3, 4, 5].map((i) => `person${i}`),
  );
  expect(a.published.map((e: { person_id: string }) => e.person_id)).toEqual(
    [0, 1, 2, 3, 4, 5].map((i) => `person${i}`),
  );
  expect(a.published[0]).toEqual({
    person_id: 'person0',
    topic: 'benefit-status-changed',
    data: {
      personId: 'person0',
      status: 'SUSPENDED',
      previousStatus: 'COVERED',
      effectiveDate: '2026-07-02',
      rule: 'E15',
      reason: expect.any(Object),
    },
    cid: 'event0',
  });
});

it('E13, E15: a run of 40 suspensions costs the statements of a run of 2', async () => {
  h.clock.set('2026-07-01');
  const statements = async (events: Suspended[]) => {
    let n = 0;
    await ds().transaction(async (m: EntityManager) => {
      const runner = m.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((...args: Parameters<typeof query>) => {
        n += 1;
        return query(...args);
      }) as typeof runner.query;
      try {
        await ingest().relationsChanged(m, 'SUSPENDED', events);
      } finally {
        runner.query = query;
      }
    });
    return n;
  };
  const run = async (n: number) => {
    const events: Suspended[] = [];
    // half of them known and COVERED (a status event each), half never heard of
    for (let i = 0; i < n; i++)
      events.push(
        i % 2 === 0
          ? ownSuspension((await coveredPerson()).relation, '2026-07-01')
          : yearEnd(active(newId(), { periodYear: 2025, startDate: '2025-01-01' })),
      );
    return events;
  };
  const two = await statements(await run(2));
  const forty = await statements(await run(40));
  expect(forty).toBe(two);
});
