import { randomUUID } from 'node:crypto';
import {
  KafkaPublisher,
  OutboxRelay,
  OutboxWriter,
  createKafka,
  type EventData,
  type OutgoingMessage,
} from '@yibao/shared';
import { TopicProbe, consentSigned, eventually, testKafka, openSharedTestDatabase } from '@yibao/test-kit';
import type { DataSource } from 'typeorm';

function consent(personId: string): EventData<'consent-signed'> {
  return consentSigned(personId, { newUnitCode: '91350100M000100Y43', newUnitName: '测试单位', channel: 'COUNTER' });
}

describe('transactional outbox (real PostgreSQL and Kafka)', () => {
  let ds: DataSource;
  const writer = new OutboxWriter('shared-test');
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    ds = await openSharedTestDatabase();
    publisher = new KafkaPublisher(testKafka());
  });

  beforeEach(async () => {
    await ds.query('DELETE FROM outbox');
  });

  afterAll(async () => {
    await publisher.disconnect();
    await ds.destroy();
  });

  it('writes the event in the caller’s transaction: rollback leaves no row', async () => {
    const personId = randomUUID();
    await expect(
      ds.transaction(async (m) => {
        await writer.write(m, 'consent-signed', personId, consent(personId));
        throw new Error('business failure after the write');
      }),
    ).rejects.toThrow('business failure');
    expect(await ds.query('SELECT * FROM outbox')).toHaveLength(0);

    await ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
    const rows = await ds.query('SELECT topic, message_key FROM outbox');
    expect(rows).toEqual([{ topic: 'consent-signed', message_key: personId }]);
  });

  it('refuses to write outside a transaction', async () => {
    const personId = randomUUID();
    await expect(writer.write(ds.manager, 'consent-signed', personId, consent(personId))).rejects.toThrow(
      /outside a transaction/,
    );
  });

  it('refuses a payload that breaks the contract, leaving nothing', async () => {
    const personId = randomUUID();
    const bad = { ...consent(personId), channel: 'FAX' } as unknown as EventData<'consent-signed'>;
    await expect(ds.transaction((m) => writer.write(m, 'consent-signed', personId, bad))).rejects.toThrow();
    expect(await ds.query('SELECT * FROM outbox')).toHaveLength(0);
  });

  it('appendMany writes many events in one statement, in their order, as write would write each', async () => {
    const persons = [randomUUID(), randomUUID(), randomUUID()];
    const data = persons.map(consent);
    const one = await ds.transaction((m) => writer.write(m, 'consent-signed', persons[0]!, data[0]!));
    const many = await ds.transaction((m) =>
      writer.appendMany(
        m,
        persons.map((p, i) => ({ name: 'consent-signed' as const, subject: p, data: data[i]! })),
      ),
    );
    const rows: Array<{ id: string; topic: string; message_key: string; envelope: Record<string, unknown> }> =
      await ds.query('SELECT id, topic, message_key, envelope FROM outbox ORDER BY seq');
    expect(rows.map((r) => [r.id, r.topic, r.message_key])).toEqual(
      [one, ...many].map((e) => [e.id, 'consent-signed', e.subject]),
    );
    expect(rows.map((r) => r.envelope)).toEqual([one, ...many].map((e) => JSON.parse(JSON.stringify(e))));
    const strip = (e: Record<string, unknown>) => ({ ...e, id: '-', time: '-' });
    expect(strip(rows[1]!.envelope)).toEqual(strip(rows[0]!.envelope)); // same person, same payload, same envelope
  });

  it('appendMany validates every event first: one that breaks its contract writes none', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const bad = { ...consent(b), channel: 'FAX' } as unknown as EventData<'consent-signed'>;
    await expect(
      ds.transaction((m) =>
        writer.appendMany(m, [
          { name: 'consent-signed', subject: a, data: consent(a) },
          { name: 'consent-signed', subject: b, data: bad },
        ]),
      ),
    ).rejects.toThrow();
    await expect(
      writer.appendMany(ds.manager, [{ name: 'consent-signed', subject: a, data: consent(a) }]),
    ).rejects.toThrow(/outside a transaction/);
    expect(await ds.query('SELECT * FROM outbox')).toHaveLength(0);
  });

  it('relays committed events to Kafka, keyed by person, as CloudEvents, and marks them sent', async () => {
    const probe = await new TopicProbe(['consent-signed']).start();
    try {
      const personId = randomUUID();
      const written = await ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
      const relay = new OutboxRelay(ds, publisher);
      expect(await relay.publishPending()).toBe(1);
      const received = await probe.waitFor((e) => e.id === written.id);
      expect(received).toMatchObject({ specversion: '1.0', subject: personId, type: 'cn.yibao.consent-signed' });
      expect(probe.received.find((r) => r.event.id === written.id)?.message.key).toBe(personId);
      const [row] = await ds.query('SELECT sent_at, attempts FROM outbox WHERE id = $1', [written.id]);
      expect(row.sent_at).not.toBeNull();
      expect(await relay.backlog()).toBe(0);
    } finally {
      await probe.stop();
    }
  });

  it('keeps events when Kafka is away and backs off, then delivers them when it is back', async () => {
    const personId = randomUUID();
    await ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
    const unreachable = new KafkaPublisher(createKafka({ brokers: ['127.0.0.1:1'], clientId: 'unreachable' }));
    const down = new OutboxRelay(ds, unreachable, { backoffBaseMs: 60000, backoffMaxMs: 120000 });
    await expect(down.publishPending()).rejects.toThrow();
    const [row] = await ds.query(
      `SELECT sent_at, attempts, last_error, next_attempt_at > now() + interval '30 seconds' AS later FROM outbox`,
    );
    expect(row).toMatchObject({ sent_at: null, attempts: 1, later: true });
    expect(row.last_error).toBeTruthy();
    expect(await down.backlog()).toBe(1);
    await unreachable.disconnect().catch(() => undefined);

    // not yet due: a healthy relay leaves it alone until next_attempt_at…
    const up = new OutboxRelay(ds, publisher);
    expect(await up.publishPending()).toBe(0);
    // …and sends it once due.
    await ds.query('UPDATE outbox SET next_attempt_at = now()');
    expect(await up.publishPending()).toBe(1);
    expect(await up.backlog()).toBe(0);
  });

  it('two relays side by side never publish the same row twice (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 40; i++) {
      const personId = randomUUID();
      await ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
    }
    const published: string[] = [];
    const recording = {
      publish: async (messages: OutgoingMessage[]) => {
        await new Promise((r) => setTimeout(r, 20)); // hold the claim while the other relay looks
        await publisher.publish(messages);
        published.push(...messages.map((m) => (JSON.parse(m.value) as { id: string }).id));
      },
    };
    const a = new OutboxRelay(ds, recording, { batchSize: 5 });
    const b = new OutboxRelay(ds, recording, { batchSize: 5 });
    const drain = async (r: OutboxRelay) => {
      while ((await r.publishPending()) > 0);
    };
    await Promise.all([drain(a), drain(b)]);
    expect(published).toHaveLength(40);
    expect(new Set(published).size).toBe(40);
  });

  it('one person’s events leave in order: a later one waits while an earlier one of its topic is in backoff', async () => {
    const probe = await new TopicProbe(['consent-signed']).start();
    try {
      const x = randomUUID();
      const y = randomUUID();
      const first = await ds.transaction((m) => writer.write(m, 'consent-signed', x, consent(x)));
      // the first publish of X's event failed: it waits in backoff
      await ds.query(`UPDATE outbox SET attempts = 1, next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [
        first.id,
      ]);
      const second = await ds.transaction((m) => writer.write(m, 'consent-signed', x, consent(x)));
      const other = await ds.transaction((m) => writer.write(m, 'consent-signed', y, consent(y)));
      const relay = new OutboxRelay(ds, publisher);

      expect(await relay.publishPending()).toBe(1); // only Y's: X's second event may not overtake its first
      const unsent = (await ds.query('SELECT id FROM outbox WHERE sent_at IS NULL')).map((r: { id: string }) => r.id);
      expect(unsent.sort()).toEqual([first.id, second.id].sort());

      await ds.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [first.id]); // Kafka is back
      while ((await relay.publishPending()) > 0);
      await probe.waitFor((e) => e.id === second.id);
      await probe.waitFor((e) => e.id === other.id);
      // Kafka orders a partition, not the topic: X's two events (one key, one partition) must arrive in order
      const xs = probe.received.map((r) => r.event.id).filter((id) => id === first.id || id === second.id);
      expect(xs).toEqual([first.id, second.id]);
    } finally {
      await probe.stop();
    }
  });

  it('retention deletes sent rows past their time, old inbox rows and stale attempt counts, never an unsent event', async () => {
    const ids = { oldSent: randomUUID(), recentSent: randomUUID(), oldUnsent: randomUUID() };
    for (const id of Object.values(ids)) {
      const personId = randomUUID();
      await ds.transaction(async (m) => {
        const e = await writer.write(m, 'consent-signed', personId, consent(personId));
        await m.query('UPDATE outbox SET id = $1 WHERE id = $2', [id, e.id]);
      });
    }
    await ds.query(
      `UPDATE outbox SET sent_at = now() - interval '8 days', created_at = now() - interval '8 days' WHERE id = $1`,
      [ids.oldSent],
    );
    await ds.query(`UPDATE outbox SET sent_at = now() - interval '1 day' WHERE id = $1`, [ids.recentSent]);
    await ds.query(`UPDATE outbox SET created_at = now() - interval '60 days' WHERE id = $1`, [ids.oldUnsent]);
    const oldInbox = randomUUID();
    const recentInbox = randomUUID();
    await ds.query(
      `INSERT INTO inbox (event_id, consumer, topic, event_type, received_at)
       VALUES ($1, 'retention-test', 't', 'x', now() - interval '31 days'), ($2, 'retention-test', 't', 'x', now())`,
      [oldInbox, recentInbox],
    );
    // attempt counts: a stale one (a message no consumer will see again) and one of a message being retried now
    const staleAttempt = randomUUID();
    const liveAttempt = randomUUID();
    await ds.query(
      `INSERT INTO consumer_attempt (consumer, event_id, topic, kafka_partition, kafka_offset, attempts, last_attempt_at)
       VALUES ('retention-test', $1, 't', 0, 1, 2, now() - interval '31 days'), ('retention-test', $2, 't', 0, 2, 1, now())`,
      [staleAttempt, liveAttempt],
    );

    const purged = await new OutboxRelay(ds, publisher).purge();
    expect(purged.outbox).toBe(1);
    const left = (await ds.query('SELECT id FROM outbox')).map((r: { id: string }) => r.id).sort();
    expect(left).toEqual([ids.recentSent, ids.oldUnsent].sort());
    const inbox = (await ds.query(`SELECT event_id FROM inbox WHERE consumer = 'retention-test'`)).map(
      (r: { event_id: string }) => r.event_id,
    );
    expect(inbox).toEqual([recentInbox]);
    expect(purged.attempts).toBe(1);
    const attempts = await ds.query(`SELECT event_id FROM consumer_attempt WHERE consumer = 'retention-test'`);
    expect(attempts).toEqual([{ event_id: liveAttempt }]);
  });

  it('the relay loop publishes on its own and stop() flushes what is pending', async () => {
    const probe = await new TopicProbe(['consent-signed']).start();
    const relay = new OutboxRelay(ds, publisher, { pollMs: 20 });
    relay.start();
    try {
      const personId = randomUUID();
      const written = await ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
      relay.kick();
      await probe.waitFor((e) => e.id === written.id);
    } finally {
      await relay.stop();
      await probe.stop();
    }
    expect(await relay.backlog()).toBe(0);
  });

  it('the loop claims what was committed while a cycle waits for Kafka, but never a later event of a key still in flight', async () => {
    // a broker that acknowledges each publish only when the test says so
    const calls: Array<{ ids: string[]; ack: () => void }> = [];
    const held = {
      publish: (messages: OutgoingMessage[]) =>
        new Promise<void>((ack) =>
          calls.push({ ids: messages.map((m) => (JSON.parse(m.value) as { id: string }).id), ack }),
        ),
    };
    const write = (personId: string) =>
      ds.transaction((m) => writer.write(m, 'consent-signed', personId, consent(personId)));
    const relay = new OutboxRelay(ds, held, { pollMs: 60_000 }); // no poll: only kicks move it
    const [x, y] = [randomUUID(), randomUUID()];
    relay.start();
    try {
      const x1 = await write(x);
      relay.kick();
      await eventually(async () => calls.length === 1, 20000, 'the first cycle waiting for Kafka', 10);
      expect(calls[0]!.ids).toEqual([x1.id]);

      // committed while the first cycle waits: Y's event leaves in a second cycle beside it, X's second does not
      const x2 = await write(x);
      const y1 = await write(y);
      relay.kick();
      await eventually(async () => calls.length === 2, 20000, 'a second cycle beside the first', 10);
      expect(calls[1]!.ids).toEqual([y1.id]);
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toHaveLength(2); // X's second waits while X's first is unacknowledged

      // X's first acknowledged and marked sent: X's second goes, without a kick or a poll
      calls[0]!.ack();
      await eventually(async () => calls.length === 3, 20000, 'X’s second event claimed', 10);
      expect(calls[2]!.ids).toEqual([x2.id]);
      calls[1]!.ack();
      calls[2]!.ack();
      await eventually(async () => (await relay.backlog()) === 0, 20000, 'every row marked sent', 10);
    } finally {
      for (const c of calls) c.ack();
      await relay.stop();
    }
    expect(calls.flatMap((c) => c.ids)).toHaveLength(3); // each row published once
  });
});
