import { randomUUID } from 'node:crypto';
import {
  DEAD_LETTER_TOPIC,
  IdempotentConsumer,
  KafkaPublisher,
  createLogger,
  type IncomingMessage,
} from '@yibao/shared';
import {
  TopicProbe,
  consentSigned,
  eventually,
  incomingMessage,
  personRegistered,
  testKafka,
  openSharedTestDatabase,
} from '@yibao/test-kit';
import type { DataSource } from 'typeorm';

function consentMessage(personId: string): IncomingMessage {
  return incomingMessage('consent-signed', personId, consentSigned(personId), { service: 'test' });
}

describe('idempotent consumer (real PostgreSQL and Kafka)', () => {
  let ds: DataSource;
  let publisher: KafkaPublisher;
  const logger = createLogger('inbox-test', 'silent');

  beforeAll(async () => {
    ds = await openSharedTestDatabase();
    await ds.query('CREATE TABLE IF NOT EXISTS effect (event_id uuid NOT NULL, person_id uuid NOT NULL)');
    publisher = new KafkaPublisher(testKafka());
  });

  afterAll(async () => {
    await publisher.disconnect();
    await ds.destroy();
  });

  const consumer = (
    handler: (personId: string, eventId: string, m: import('typeorm').EntityManager) => Promise<void>,
    { name = `test.${randomUUID()}`, maxAttempts = 2 } = {},
  ) =>
    new IdempotentConsumer(ds, {
      name,
      logger,
      deadLetters: publisher,
      maxAttempts,
      retryDelayMs: 5,
      handlers: { 'consent-signed': (event, m) => handler(event.data.personId, event.id, m) },
    });

  it('applies an event once, whatever the redeliveries', async () => {
    const c = consumer((personId, eventId, m) => m.query('INSERT INTO effect VALUES ($1, $2)', [eventId, personId]));
    const personId = randomUUID();
    const message = consentMessage(personId);
    expect(await c.handle(message)).toBe('applied');
    expect(await c.handle(message)).toBe('duplicate');
    expect(await c.handle(message)).toBe('duplicate');
    expect(await ds.query('SELECT * FROM effect WHERE person_id = $1', [personId])).toHaveLength(1);
  });

  it('records nothing in the inbox when the effect fails, so a later delivery can apply it', async () => {
    let fail = true;
    const c = consumer(async (personId, eventId, m) => {
      await m.query('INSERT INTO effect VALUES ($1, $2)', [eventId, personId]);
      if (fail) throw new Error('downstream failure');
    });
    const personId = randomUUID();
    const message = consentMessage(personId);
    const probe = await new TopicProbe([DEAD_LETTER_TOPIC]).start();
    try {
      expect(await c.handle(message)).toBe('dead-lettered');
      expect(await ds.query('SELECT * FROM effect WHERE person_id = $1', [personId])).toHaveLength(0);
      expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1', [c.groupId])).toHaveLength(0);
      const dead = await probe.waitFor((e) => (e as unknown as { consumer: string }).consumer === c.groupId);
      expect(dead).toMatchObject({ topic: 'consent-signed', error: 'downstream failure' });
    } finally {
      await probe.stop();
    }
    fail = false;
    expect(await c.handle(message)).toBe('applied');
    expect(await ds.query('SELECT * FROM effect WHERE person_id = $1', [personId])).toHaveLength(1);
  });

  it('sends a malformed message to the dead-letter topic without calling the handler', async () => {
    let called = false;
    const c = consumer(async () => {
      called = true;
    });
    const bad: IncomingMessage = { ...consentMessage(randomUUID()), value: JSON.stringify({ hello: 'world' }) };
    expect(await c.handle(bad)).toBe('dead-lettered');
    expect(called).toBe(false);
  });

  it('consumes from Kafka through a consumer group', async () => {
    const seen: string[] = [];
    const c = consumer(async (personId) => {
      seen.push(personId);
    });
    await c.start(testKafka());
    try {
      const personId = randomUUID();
      const m = consentMessage(personId);
      await publisher.publish([{ topic: 'consent-signed', key: personId, value: m.value! }]);
      await eventually(async () => seen.includes(personId), 20000, 'the event consumed', 50);
      expect(seen).toContain(personId);
    } finally {
      await c.stop();
    }
  });

  const attemptsOf = (
    consumerName: string,
    eventId: string,
  ): Promise<Array<{ attempts: number; last_error: string }>> =>
    ds.query('SELECT attempts, last_error FROM consumer_attempt WHERE consumer = $1 AND event_id = $2', [
      consumerName,
      eventId,
    ]);

  it('counts an attempt in the database before the handler runs, and forgets the count once the event is applied', async () => {
    const seenByHandler: number[] = [];
    const name = `test.${randomUUID()}`;
    const c = consumer(
      async (personId, eventId, m) => {
        // read on another connection: the count is committed, not part of the handler's transaction
        const [row] = await attemptsOf(name, eventId);
        seenByHandler.push(row!.attempts);
        if (seenByHandler.length === 1) throw new Error('first try fails');
        await m.query('INSERT INTO effect VALUES ($1, $2)', [eventId, personId]);
      },
      { name, maxAttempts: 3 },
    );
    const personId = randomUUID();
    const message = consentMessage(personId);
    expect(await c.handle(message)).toBe('applied');
    expect(seenByHandler).toEqual([1, 2]);
    expect(await ds.query('SELECT * FROM effect WHERE person_id = $1', [personId])).toHaveLength(1);
    expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);
  });

  it('dead-letters without running the handler a message whose attempts an earlier process used up', async () => {
    const name = `test.${randomUUID()}`;
    let runs = 0;
    const c = consumer(
      async () => {
        runs++;
      },
      { name, maxAttempts: 3 },
    );
    const message = consentMessage(randomUUID());
    const eventId = (JSON.parse(message.value!) as { id: string }).id;
    // as a process leaves them when its third attempt took it down (after two that threw)
    await ds.query(
      `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts, last_error)
       VALUES ($1, $2, 'consent-signed', 0, 0, 3, 'out of memory')`,
      [name, eventId],
    );
    const probe = await new TopicProbe([DEAD_LETTER_TOPIC]).start();
    try {
      expect(await c.handle(message)).toBe('dead-lettered');
      const dead = await probe.waitFor((e) => (e as unknown as { consumer: string }).consumer === name);
      expect(dead).toMatchObject({ topic: 'consent-signed', attempts: 3 });
      expect((dead as unknown as { error: string }).error).toMatch(/attempt 3 of 3 never finished.*out of memory/);
    } finally {
      await probe.stop();
    }
    expect(runs).toBe(0);
    expect(await attemptsOf(name, eventId)).toHaveLength(0);
    expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1', [name])).toHaveLength(0);
  });

  it('a message that takes its consumer down reaches dead-letter after N attempts in total, across instances', async () => {
    const N = 3;
    const name = `test.${randomUUID()}`;
    const personId = randomUUID();
    const message = consentMessage(personId);
    const eventId = (JSON.parse(message.value!) as { id: string }).id;
    await positionGroupAtEnd(name, 'consent-signed'); // both instances then start from the group's committed offset

    // First instance: its handler hangs on our event, until the process is "killed" under it.
    let firstRuns = 0;
    let kill: (e: Error) => void = () => undefined;
    const first = consumer(
      async (p) => {
        if (p !== personId) return;
        firstRuns++;
        await new Promise<void>((_, reject) => (kill = reject));
      },
      { name, maxAttempts: N },
    );
    await first.start(testKafka(), '', false);
    await publisher.publish([{ topic: 'consent-signed', key: personId, value: message.value! }]);
    await eventually(async () => firstRuns === 1, 20000, 'first instance in the handler');
    expect(await attemptsOf(name, eventId)).toEqual([{ attempts: 1, last_error: null }]); // counted before it ran
    const stopped = first.stop();
    kill(new Error('killed mid-handler'));
    await stopped;

    // A later event of the same person, so on the same partition: once it is handled, ours is behind for good.
    const marker = consentMessage(personId);
    const markerId = (JSON.parse(marker.value!) as { id: string }).id;
    await publisher.publish([{ topic: 'consent-signed', key: personId, value: marker.value! }]);

    // Second instance, same group: gets the uncommitted message again; its handler keeps failing.
    let secondRuns = 0;
    let markerHandled = false;
    const second = consumer(
      async (p, id) => {
        if (id === markerId) markerHandled = true;
        else if (p === personId) {
          secondRuns++;
          throw new Error('still failing');
        }
      },
      { name, maxAttempts: N },
    );
    const probe = await new TopicProbe([DEAD_LETTER_TOPIC]).start();
    try {
      await second.start(testKafka(), '', false);
      const dead = await probe.waitFor((e) => (e as unknown as { consumer: string }).consumer === name);
      expect(dead).toMatchObject({ topic: 'consent-signed', error: 'still failing', attempts: N });
      await eventually(async () => markerHandled, 20000, 'the later event handled');
    } finally {
      await second.stop();
      await probe.stop();
    }
    expect(firstRuns + secondRuns).toBe(N);
    expect(secondRuns).toBe(N - 1);
    expect(await attemptsOf(name, eventId)).toHaveLength(0);
    expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1 AND event_id = $2', [name, eventId])).toHaveLength(
      0,
    );
  });

  describe('a fetched batch applied whole (handleBatch)', () => {
    const batchOf = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...consentMessage(randomUUID()), offset: String(i) }));
    const idOf = (m: IncomingMessage) => (JSON.parse(m.value!) as { id: string }).id;
    const personOf = (m: IncomingMessage) => (JSON.parse(m.value!) as { data: { personId: string } }).data.personId;
    const effectsOf = async (batch: IncomingMessage[]): Promise<string[]> =>
      (
        (await ds.query('SELECT person_id FROM effect WHERE person_id = ANY($1::uuid[]) ORDER BY seq', [
          batch.map(personOf),
        ])) as Array<{ person_id: string }>
      ).map((r) => r.person_id);

    beforeAll(async () => {
      await ds.query('ALTER TABLE effect ADD COLUMN IF NOT EXISTS seq bigserial');
    });

    it('applies every event once, in order, and a redelivery of the whole batch changes nothing', async () => {
      const name = `test.${randomUUID()}`;
      let runs = 0;
      const c = consumer(
        async (personId, eventId, m) => {
          runs++;
          await m.query('INSERT INTO effect (event_id, person_id) VALUES ($1, $2)', [eventId, personId]);
        },
        { name },
      );
      const batch = batchOf(7);
      const resolved: string[] = [];
      const outcomes = await c.handleBatch(batch, { resolve: (m) => resolved.push(m.offset) });
      expect(outcomes).toEqual(Array(7).fill('applied'));
      expect(resolved).toEqual(batch.map((m) => m.offset));
      expect(await effectsOf(batch)).toEqual(batch.map(personOf));
      expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1', [name])).toHaveLength(7);
      expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);

      expect(await c.handleBatch(batch)).toEqual(Array(7).fill('duplicate'));
      expect(runs).toBe(7);
      expect(await effectsOf(batch)).toEqual(batch.map(personOf));
      expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);
    });

    it('cuts a batch into transactions of batchSize events', async () => {
      const name = `test.${randomUUID()}`;
      const txids = new Set<string>();
      const c = new IdempotentConsumer(ds, {
        name,
        logger,
        deadLetters: publisher,
        batchSize: 3,
        handlers: {
          'consent-signed': async (_e, m) => {
            const [row] = (await m.query('SELECT txid_current()::text AS id')) as Array<{ id: string }>;
            txids.add(row!.id);
          },
        },
      });
      expect(await c.handleBatch(batchOf(7))).toEqual(Array(7).fill('applied'));
      expect(txids.size).toBe(3); // 3 + 3 + 1
    });

    it('a failing event in the middle: the others applied once and in order, the failing one retried, counted and dead-lettered as one by one', async () => {
      const name = `test.${randomUUID()}`;
      const batch = batchOf(6);
      const poison = idOf(batch[2]!);
      const runsOf = new Map<string, number>();
      const countsSeen: number[] = [];
      const c = consumer(
        async (personId, eventId, m) => {
          runsOf.set(eventId, (runsOf.get(eventId) ?? 0) + 1);
          if (eventId === poison) {
            const [row] = await attemptsOf(name, eventId); // committed before the handler ran, on another connection
            countsSeen.push(row!.attempts);
            throw new Error('always fails');
          }
          await m.query('INSERT INTO effect (event_id, person_id) VALUES ($1, $2)', [eventId, personId]);
        },
        { name, maxAttempts: 3 },
      );
      const probe = await new TopicProbe([DEAD_LETTER_TOPIC]).start();
      let outcomes;
      try {
        outcomes = await c.handleBatch(batch);
        const dead = await probe.waitFor((e) => (e as unknown as { consumer: string }).consumer === name);
        expect(dead).toMatchObject({ topic: 'consent-signed', error: 'always fails', attempts: 3 });
      } finally {
        await probe.stop();
      }
      expect(outcomes).toEqual(['applied', 'applied', 'dead-lettered', 'applied', 'applied', 'applied']);
      expect(countsSeen).toEqual([1, 2, 3]); // three attempts, each counted before it ran, as one by one
      expect(runsOf.get(poison)).toBe(3);
      const others = batch.filter((m) => idOf(m) !== poison);
      expect(await effectsOf(batch)).toEqual(others.map(personOf));
      expect(await ds.query('SELECT event_id FROM inbox WHERE consumer = $1', [name])).toHaveLength(5);
      expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);

      // the whole batch again (a redelivery): the applied ones are duplicates; the poison is tried again from zero,
      // as one by one would after dead-lettering it
      const again = await c.handleBatch(batch);
      expect(again.filter((o) => o === 'duplicate')).toHaveLength(5);
      expect(await effectsOf(batch)).toEqual(others.map(personOf));
    });

    it('an event that fails once in a batch is applied on its second attempt, before the events behind it', async () => {
      const name = `test.${randomUUID()}`;
      const batch = batchOf(4);
      const flaky = idOf(batch[1]!);
      let failures = 0;
      const c = consumer(
        async (personId, eventId, m) => {
          if (eventId === flaky && failures++ === 0) throw new Error('transient');
          await m.query('INSERT INTO effect (event_id, person_id) VALUES ($1, $2)', [eventId, personId]);
        },
        { name, maxAttempts: 3 },
      );
      expect(await c.handleBatch(batch)).toEqual(Array(4).fill('applied'));
      expect(await effectsOf(batch)).toEqual(batch.map(personOf)); // order kept
      expect(failures).toBe(2);
      expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);
    });

    it('an event whose attempts an earlier process used up is dead-lettered without a run; a malformed one is parked; the rest applied', async () => {
      const name = `test.${randomUUID()}`;
      const batch = batchOf(5);
      const used = idOf(batch[1]!);
      batch[3] = { ...batch[3]!, value: JSON.stringify({ hello: 'world' }) };
      await ds.query(
        `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts, last_error)
         VALUES ($1, $2, 'consent-signed', 0, 1, 3, 'out of memory')`,
        [name, used],
      );
      const ran: string[] = [];
      const c = consumer(
        async (personId, eventId, m) => {
          ran.push(eventId);
          await m.query('INSERT INTO effect (event_id, person_id) VALUES ($1, $2)', [eventId, personId]);
        },
        { name, maxAttempts: 3 },
      );
      expect(await c.handleBatch(batch)).toEqual(['applied', 'dead-lettered', 'applied', 'dead-lettered', 'applied']);
      expect(ran).not.toContain(used);
      expect(await effectsOf([0, 2, 4].map((i) => batch[i]!))).toEqual([0, 2, 4].map((i) => personOf(batch[i]!)));
      expect(await attemptsOf(name, used)).toHaveLength(0);
    });

    it('an event with a failed attempt behind it goes on counting from there', async () => {
      const name = `test.${randomUUID()}`;
      const batch = batchOf(3);
      const retried = idOf(batch[1]!);
      await ds.query(
        `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts, last_error)
         VALUES ($1, $2, 'consent-signed', 0, 1, 1, 'earlier failure')`,
        [name, retried],
      );
      const seen: number[] = [];
      const c = consumer(
        async (personId, eventId, m) => {
          if (eventId === retried) seen.push((await attemptsOf(name, eventId))[0]!.attempts);
          await m.query('INSERT INTO effect (event_id, person_id) VALUES ($1, $2)', [eventId, personId]);
        },
        { name, maxAttempts: 3 },
      );
      expect(await c.handleBatch(batch)).toEqual(Array(3).fill('applied'));
      expect(seen).toEqual([2]);
      expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);
    });

    describe('with a batch handler for a topic (batchHandlers)', () => {
      const registrationMessage = (personId: string, offset: string): IncomingMessage => ({
        ...incomingMessage('person-registered', personId, personRegistered(personId), { service: 'test' }),
        offset,
      });
      const txOf = async (m: import('typeorm').EntityManager) =>
        ((await m.query('SELECT txid_current()::text AS id')) as Array<{ id: string }>)[0]!.id;
      const insertEffects = (m: import('typeorm').EntityManager, rows: Array<{ id: string; personId: string }>) =>
        m.query(
          `INSERT INTO effect (event_id, person_id)
           SELECT e, p FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS u(e, p, n) ORDER BY n`,
          [rows.map((r) => r.id), rows.map((r) => r.personId)],
        );

      it('a run of a topic goes to its batch handler in one call, in the inbox rows’ transaction; one by one, and a run of one, call the single handler', async () => {
        const name = `test.${randomUUID()}`;
        const singles: string[] = [];
        const calls: string[][] = [];
        const txids = new Set<string>();
        const c = new IdempotentConsumer(ds, {
          name,
          logger,
          deadLetters: publisher,
          handlers: {
            'consent-signed': async (e, m) => {
              singles.push(e.id);
              txids.add(await txOf(m));
              await insertEffects(m, [{ id: e.id, personId: e.data.personId }]);
            },
            'person-registered': async (e, m) => {
              singles.push(e.id);
              txids.add(await txOf(m));
              await insertEffects(m, [{ id: e.id, personId: e.data.personId }]);
            },
          },
          batchHandlers: {
            'consent-signed': async (events, m) => {
              calls.push(events.map((e) => e.id));
              txids.add(await txOf(m));
              await insertEffects(
                m,
                events.map((e) => ({ id: e.id, personId: e.data.personId })),
              );
            },
          },
        });
        // consent ×3, a registration (no batch handler), consent ×1 (a run of one), a registration, consent ×3 of which
        // the middle one was applied before (a duplicate changes nothing, so it does not cut the run)
        const batch = batchOf(9).map((m, i) => (i === 3 || i === 5 ? registrationMessage(randomUUID(), String(i)) : m));
        expect(await c.handle(batch[7]!)).toBe('applied'); // one by one: the single handler
        expect(singles).toEqual([idOf(batch[7]!)]);
        expect(calls).toEqual([]);
        singles.length = 0;
        txids.clear();

        const outcomes = await c.handleBatch(batch);
        expect(outcomes).toEqual([...Array(7).fill('applied'), 'duplicate', 'applied']);
        expect(calls).toEqual([[0, 1, 2].map((i) => idOf(batch[i]!)), [6, 8].map((i) => idOf(batch[i]!))]);
        expect(singles).toEqual([3, 4, 5].map((i) => idOf(batch[i]!)));
        expect(txids.size).toBe(1); // one transaction for the whole batch
        expect(await effectsOf(batch)).toEqual([7, 0, 1, 2, 3, 4, 5, 6, 8].map((i) => personOf(batch[i]!))); // 7 first
        expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1', [name])).toHaveLength(9);

        expect(await c.handleBatch(batch)).toEqual(Array(9).fill('duplicate'));
        expect(calls).toHaveLength(2);
        expect(singles).toHaveLength(3);
        expect(await effectsOf(batch)).toHaveLength(9);
      });

      it('a failing event in a batch handler’s run: the run applied again one by one finds it; the others applied once and in order; it is retried, counted and dead-lettered as one by one', async () => {
        const name = `test.${randomUUID()}`;
        const batch = batchOf(6);
        const poison = idOf(batch[2]!);
        const calls: string[][] = [];
        const runsOf = new Map<string, number>();
        const countsSeen: number[] = [];
        const c = new IdempotentConsumer(ds, {
          name,
          logger,
          deadLetters: publisher,
          maxAttempts: 3,
          retryDelayMs: 5,
          handlers: {
            'consent-signed': async (e, m) => {
              runsOf.set(e.id, (runsOf.get(e.id) ?? 0) + 1);
              if (e.id === poison) {
                countsSeen.push((await attemptsOf(name, e.id))[0]!.attempts);
                throw new Error('always fails');
              }
              await insertEffects(m, [{ id: e.id, personId: e.data.personId }]);
            },
          },
          batchHandlers: {
            'consent-signed': async (events, m) => {
              calls.push(events.map((e) => e.id));
              // its effects are written before it fails: the rollback must take them back
              await insertEffects(
                m,
                events.map((e) => ({ id: e.id, personId: e.data.personId })),
              );
              if (events.some((e) => e.id === poison)) throw new Error('always fails');
            },
          },
        });
        const probe = await new TopicProbe([DEAD_LETTER_TOPIC]).start();
        let outcomes;
        try {
          outcomes = await c.handleBatch(batch);
          const dead = await probe.waitFor((e) => (e as unknown as { consumer: string }).consumer === name);
          expect(dead).toMatchObject({ topic: 'consent-signed', error: 'always fails', attempts: 3 });
        } finally {
          await probe.stop();
        }
        expect(outcomes).toEqual(['applied', 'applied', 'dead-lettered', 'applied', 'applied', 'applied']);
        // the whole run to the batch handler (failed), then the events after the poison as a run of their own
        expect(calls).toEqual([batch.map(idOf), batch.slice(3).map(idOf)]);
        // the poison's three attempts were the single handler's, each counted before it ran, as one by one
        expect(countsSeen).toEqual([1, 2, 3]);
        expect(runsOf.get(poison)).toBe(3);
        const others = batch.filter((m) => idOf(m) !== poison);
        expect(await effectsOf(batch)).toEqual(others.map(personOf)); // once each, in order
        expect(await ds.query('SELECT event_id FROM inbox WHERE consumer = $1', [name])).toHaveLength(5);
        expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);

        // a redelivery of the whole batch applies nothing twice
        const again = await c.handleBatch(batch);
        expect(again.filter((o) => o === 'duplicate')).toHaveLength(5);
        expect(await effectsOf(batch)).toEqual(others.map(personOf));
      });

      it('a run whose batch handler fails once is applied by the single handlers in the same attempt, in order', async () => {
        const name = `test.${randomUUID()}`;
        const batch = batchOf(4);
        const flaky = idOf(batch[1]!);
        let failures = 0;
        const fails = (id: string) => id === flaky && failures++ === 0;
        const c = new IdempotentConsumer(ds, {
          name,
          logger,
          deadLetters: publisher,
          maxAttempts: 3,
          retryDelayMs: 5,
          handlers: {
            'consent-signed': async (e, m) => {
              if (fails(e.id)) throw new Error('transient');
              await insertEffects(m, [{ id: e.id, personId: e.data.personId }]);
            },
          },
          batchHandlers: {
            'consent-signed': async (events, m) => {
              if (events.some((e) => fails(e.id))) throw new Error('transient');
              await insertEffects(
                m,
                events.map((e) => ({ id: e.id, personId: e.data.personId })),
              );
            },
          },
        });
        expect(await c.handleBatch(batch)).toEqual(Array(4).fill('applied'));
        expect(failures).toBe(2); // the batch handler's failure, then the single handler's success
        expect(await effectsOf(batch)).toEqual(batch.map(personOf)); // order kept, once each
        expect(await ds.query('SELECT * FROM consumer_attempt WHERE consumer = $1', [name])).toHaveLength(0);
      });
    });

    it('stops between transactions once the consumer is no longer active, leaving the rest unresolved', async () => {
      const name = `test.${randomUUID()}`;
      const c = new IdempotentConsumer(ds, {
        name,
        logger,
        deadLetters: publisher,
        batchSize: 2,
        handlers: { 'consent-signed': async () => undefined },
      });
      const batch = batchOf(5);
      const resolved: string[] = [];
      let active = true;
      const outcomes = await c.handleBatch(batch, {
        resolve: (m) => {
          resolved.push(m.offset);
          if (resolved.length === 2) active = false;
        },
        isActive: () => active,
      });
      expect(outcomes).toHaveLength(2);
      expect(resolved).toEqual(['0', '1']);
      expect(await ds.query('SELECT * FROM inbox WHERE consumer = $1', [name])).toHaveLength(2);
    });
  });
});

/** Commits the group's offsets at the topic's end, as if it had consumed everything so far. */
async function positionGroupAtEnd(groupId: string, topic: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  } finally {
    await admin.disconnect();
  }
}
