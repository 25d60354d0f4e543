import { randomUUID } from 'node:crypto';
import { IdempotentConsumer, KafkaPublisher, createLogger } from '@yibao/shared';
import {
  consentSigned,
  eventually,
  incomingMessage,
  personRegistered,
  testKafka,
  openSharedTestDatabase,
} from '@yibao/test-kit';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Batches of two partitions applied side by side (the Kafka subscription runs up to 3 at once). Handlers lock per
 * person in the order of their events, as benefits' ingest does; one person's events on two topics put the same
 * persons in two batches, in any order. Without a lock order, batch A holding X and waiting for Y while batch B holds
 * Y and waits for X is a deadlock, which PostgreSQL breaks only after deadlock_timeout (1 s) by failing one of them.
 */
describe('two partitions’ batches with the same persons, side by side (real PostgreSQL)', () => {
  let ds: DataSource;
  let publisher: KafkaPublisher;
  const logger = createLogger('lock-order-test', 'silent');

  beforeAll(async () => {
    ds = await openSharedTestDatabase();
    await ds.query('CREATE TABLE IF NOT EXISTS lock_order_effect (event_id uuid NOT NULL, person_id uuid NOT NULL)');
    publisher = new KafkaPublisher(testKafka());
  });

  afterAll(async () => {
    await publisher.disconnect();
    await ds.destroy();
  });

  /** The per-person lock of a handler, like benefits' lockPerson (transaction-scoped). */
  const lockPerson = (m: EntityManager, personId: string) =>
    m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`lock-order-test:${personId}`]);

  /** Some session of this database is waiting for a lock. */
  const someoneWaits = async () => {
    const [row] = (await ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as Array<{ n: number }>;
    return row!.n > 0;
  };

  it('A: X then Y, B: Y then X — forced to interleave, they take turns: no deadlock, each event applied once, in one transaction per batch', async () => {
    const [x, y] = [randomUUID(), randomUUID()];
    const runs: Array<{ batch: 'A' | 'B'; personId: string; txid: string }> = [];
    let aHoldsX!: () => void;
    const aHasX = new Promise<void>((resolve) => (aHoldsX = resolve));
    let bHoldsY = false;
    const run = async (batch: 'A' | 'B', personId: string, eventId: string, m: EntityManager) => {
      await lockPerson(m, personId);
      const [tx] = (await m.query('SELECT txid_current()::text AS id')) as Array<{ id: string }>;
      runs.push({ batch, personId, txid: tx!.id });
      await m.query('INSERT INTO lock_order_effect VALUES ($1, $2)', [eventId, personId]);
    };
    const c = new IdempotentConsumer(ds, {
      name: `test.${randomUUID()}`,
      logger,
      deadLetters: publisher,
      retryDelayMs: 5,
      handlers: {
        // batch A (topic consent-signed): X, then — once B is in — Y
        'consent-signed': async (event, m) => {
          await run('A', event.data.personId, event.id, m);
          if (event.data.personId !== x) return;
          aHoldsX();
          // B is in: it holds Y (no lock order: A now waits for Y, B for X) or it waits for a lock A holds
          await eventually(async () => bHoldsY || (await someoneWaits()), 20000, 'batch B holding Y or waiting');
        },
        // batch B (topic person-registered): Y, then X
        'person-registered': async (event, m) => {
          await run('B', event.data.personId, event.id, m);
          if (event.data.personId === y) bHoldsY = true;
        },
      },
    });
    const batchA = [x, y].map((p, i) => ({
      ...incomingMessage('consent-signed', p, consentSigned(p)),
      partition: 1,
      offset: String(i),
    }));
    const batchB = [y, x].map((p, i) => ({
      ...incomingMessage('person-registered', p, personRegistered(p)),
      partition: 4,
      offset: String(i),
    }));

    const a = c.handleBatch(batchA);
    await aHasX;
    const b = c.handleBatch(batchB);
    expect(await Promise.all([a, b])).toEqual([
      ['applied', 'applied'],
      ['applied', 'applied'],
    ]);

    // A deadlock would have failed one transaction and run its events again, one by one: five runs or more
    expect(runs.map((r) => `${r.batch}:${r.personId}`)).toEqual([`A:${x}`, `A:${y}`, `B:${y}`, `B:${x}`]);
    expect(new Set(runs.filter((r) => r.batch === 'A').map((r) => r.txid)).size).toBe(1);
    expect(new Set(runs.filter((r) => r.batch === 'B').map((r) => r.txid)).size).toBe(1);
    const effects = (await ds.query(
      'SELECT event_id, count(*)::int AS n FROM lock_order_effect WHERE person_id = ANY($1::uuid[]) GROUP BY event_id',
      [[x, y]],
    )) as Array<{ n: number }>;
    expect(effects.map((e) => e.n)).toEqual([1, 1, 1, 1]);
  });
});
