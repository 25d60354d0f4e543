import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { RunningGateway } from '../gateway/src/gateway';
import type { RunningService } from '@yibao/shared';
import {
  ADMIN_DATABASE_URL,
  CITY_STAFF,
  PrivateKafka,
  ServiceProcess,
  TestPublisher,
  TopicProbe,
  bearer,
  countRows,
  envelope,
  eventually,
  gql,
  personRegistered,
  residentId,
  testDatabaseUrl,
  testServiceConfig,
} from '@yibao/test-kit';
import { SUBGRAPHS, startTestGateway } from '@yibao/test-kit/stack';

/**
 * Fault tests (issue 10): Kafka stopped under mutations, a consumer killed mid-batch, the database connection dropped
 * under a service, a poison event. The suite owns a Kafka broker of its own (infra/kafka-instance.mjs, 19092/19093,
 * .data/kafka-faults), so stopping it never disturbs the shared broker other test runs on this machine use; the
 * notification subgraph runs as a process of its own so it can be SIGKILLed. Enrollment, transfer, benefits and the
 * gateway run in this process, against this run's test databases.
 */
const kafka = new PrivateKafka(
  'faults',
  Number(process.env.FAULTS_KAFKA_PORT ?? 19092),
  Number(process.env.FAULTS_KAFKA_CONTROLLER_PORT ?? 19093),
);
// The broker is new and empty for each run (wiped in beforeAll), so its consumers read every topic from the start:
// a consumer group that never committed an offset (one killed in its first batch) resumes from the beginning, and
// the inbox makes redeliveries harmless. (The shared broker's suites start from the latest offset instead.)
const onPrivateKafka = { KAFKA_BROKERS: kafka.brokers, KAFKA_FROM_BEGINNING: 'true' };

const REGISTER = 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }';

jest.setTimeout(240_000);

describe('faults: Kafka away, a consumer killed, the database dropped, a poison event', () => {
  let services: RunningService<unknown>[] = [];
  let enrollmentService: RunningService<unknown>;
  let notification: ServiceProcess;
  let gateway: RunningGateway;
  let auth: Record<string, string>;
  let seq = 0;

  /** Fresh resident IDs, distinct from every other suite's (birth dates in 1950–1959, district 120105). */
  const nextId = () => {
    seq += 1;
    const day = String(1 + (seq % 28)).padStart(2, '0');
    return residentId(`195${seq % 10}03${day}`, '120105', 100 + Math.floor(seq / 10));
  };

  async function register(name: string): Promise<string> {
    const r = await gql<{ registerPerson: { id: string } }>(
      gateway.url,
      REGISTER,
      { input: { idNumber: nextId(), name, mobile: '13900000000' } },
      auth,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.registerPerson.id;
  }

  const messagesOf = (personIds: string[]) =>
    countRows('notification', `SELECT count(*) AS n FROM message WHERE person_id = ANY($1::uuid[])`, [personIds]);

  async function health(url: string): Promise<{ status: number; body: { checks: Record<string, { ok: boolean }> } }> {
    const res = await fetch(new URL('/health', url));
    return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } };
  }

  beforeAll(async () => {
    await kafka.wipe();
    await kafka.up();
    const started = await Promise.all(
      [SUBGRAPHS.enrollment, SUBGRAPHS.transfer, SUBGRAPHS.benefits].map((s) =>
        s.start(testServiceConfig(s.name, onPrivateKafka)),
      ),
    );
    services = started as RunningService<unknown>[];
    enrollmentService = services[0]!;
    notification = await new ServiceProcess('notification', onPrivateKafka).start();
    gateway = await startTestGateway(
      {
        enrollment: services[0]!.url,
        transfer: services[1]!.url,
        benefits: services[2]!.url,
        notification: notification.url,
      },
      { KAFKA_BROKERS: kafka.brokers },
    );
    auth = await bearer(CITY_STAFF);
  });

  afterAll(async () => {
    await gateway?.stop();
    await notification?.stop();
    // the notification process's log, for a failure's post-mortem
    if (notification) writeFileSync(join(__dirname, '..', '.data', 'faults-notification.log'), notification.output);
    await Promise.all(services.map((s) => s.stop()));
    await kafka.up().catch(() => undefined); // whatever a test did, leave it as found …
    await kafka.down(); // … then stop it: the broker belongs to this suite only
  });

  it('a poison event (valid envelope, payload breaking its contract) is parked in dead-letter with the reason; the consumer goes on', async () => {
    const deadLetters = await new TopicProbe(['dead-letter'], kafka.brokers).start();
    const publisher = new TestPublisher(kafka.brokers);
    try {
      const poisonPerson = randomUUID();
      const poison = envelope('person-registered', poisonPerson, personRegistered(poisonPerson));
      (poison.data as Record<string, unknown>).personId = 'not-a-uuid';
      delete (poison.data as Record<string, unknown>).registeredAt;
      await publisher.kafka.publish([{ topic: 'person-registered', key: poisonPerson, value: JSON.stringify(poison) }]);
      // Behind it on the same partition (same key): a good event, which must still be applied.
      const good = await publisher.publish('person-registered', poisonPerson, personRegistered(poisonPerson));

      // Every consumer of the topic parks it (notification, and transfer's projection once it consumes the topic).
      type Parked = { consumer: string; topic: string; error: string; attempts: number; value: string };
      const parked = (await deadLetters.waitFor(
        (e) => JSON.stringify(e).includes(poison.id) && (e as unknown as Parked).consumer.startsWith('notification.'),
        60_000,
      )) as unknown as Parked;
      expect(parked.topic).toBe('person-registered');
      expect(parked.error).toMatch(/data breaks person-registered v1/);
      expect(parked.attempts).toBe(0); // never reached a handler
      expect(JSON.parse(parked.value).id).toBe(poison.id);

      await eventually(async () => (await messagesOf([poisonPerson])) === 1, 60_000, 'the good event applied');
      expect(
        await countRows('notification', 'SELECT count(*) AS n FROM inbox WHERE event_id = ANY($1::uuid[])', [
          [poison.id, good.id],
        ]),
      ).toBe(1);
    } finally {
      await publisher.disconnect();
      await deadLetters.stop();
    }
  });

  it('the database connection dropped under a service: requests fail with a clear error, then it recovers without a restart', async () => {
    const db = new URL(testDatabaseUrl('enrollment')).pathname.slice(1);
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    let refused;
    let degraded;
    try {
      // Every connection of the service is cut, and new ones are refused: a database restart, as the service sees it.
      await admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db]);
      refused = await gql(gateway.url, REGISTER, { input: { idNumber: nextId(), name: '断库' } }, auth);
      degraded = await health(enrollmentService.url);
    } finally {
      await admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(refused.data?.registerPerson ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/not currently accepting connections|terminat|connection/i);
    expect(degraded.status).toBe(503);
    expect(degraded.body.checks.database!.ok).toBe(false);

    // Same process, same pool: the next requests work again.
    const id = await eventually(
      async () => {
        const r = await gql<{ registerPerson: { id: string } }>(
          gateway.url,
          REGISTER,
          { input: { idNumber: nextId(), name: '恢复' } },
          auth,
        );
        return r.data?.registerPerson?.id;
      },
      20_000,
      'a registration after the database came back',
      250,
    );
    const read = await gql<{ person: { id: string } }>(
      gateway.url,
      'query ($id: ID!) { person(id: $id) { id } }',
      { id },
      auth,
    );
    expect(read.data?.person.id).toBe(id);
    expect((await health(enrollmentService.url)).status).toBe(200);
    expect(await countRows('enrollment', 'SELECT count(*) AS n FROM person WHERE name = $1', ['断库'])).toBe(0);
  });

  it('a consumer killed (SIGKILL) in the middle of a batch resumes on restart; every event counted exactly once', async () => {
    // enough that the kill lands in the middle: a run of person-registered is applied set-based (up to 100 events a
    // transaction, three partitions at once), and 400 were all stored before the kill took effect
    const N = 4000;
    const publisher = new TestPublisher(kafka.brokers);
    const persons = Array.from({ length: N }, () => randomUUID());
    const events = persons.map((p) => envelope('person-registered', p, personRegistered(p, { name: '批量' })));
    try {
      await publisher.kafka.publish(
        events.map((e) => ({ topic: 'person-registered', key: e.subject, value: JSON.stringify(e) })),
      );
    } finally {
      await publisher.disconnect();
    }
    const atKill = await eventually(
      async () => {
        const n = await messagesOf(persons);
        return n >= 20 ? n : undefined;
      },
      60_000,
      'the consumer under way',
      20,
    );
    await notification.kill();
    const afterKill = await messagesOf(persons);
    expect(afterKill).toBeLessThan(N); // killed in the middle, not after the end

    await notification.start(); // same database, same consumer group: it resumes after its committed offsets
    await eventually(async () => (await messagesOf(persons)) === N, 120_000, `all ${N} events applied`, 200);
    const [row] = await new Promise<Array<{ messages: string; events: string; persons: string }>>((resolve, reject) => {
      const c = new Client({ connectionString: testDatabaseUrl('notification') });
      c.connect()
        .then(() =>
          c.query(
            `SELECT count(*) AS messages, count(DISTINCT caused_by_event_id) AS events, count(DISTINCT person_id) AS persons
                 FROM message WHERE person_id = ANY($1::uuid[])`,
            [persons],
          ),
        )
        .then((r) => resolve(r.rows))
        .catch(reject)
        .finally(() => void c.end());
    });
    expect(row).toEqual({ messages: String(N), events: String(N), persons: String(N) });
    expect(
      await countRows('notification', 'SELECT count(*) AS n FROM inbox WHERE event_id = ANY($1::uuid[])', [
        events.map((e) => e.id),
      ]),
    ).toBe(N);
    // nothing dead-lettered, no attempt left open
    expect(
      await countRows('notification', 'SELECT count(*) AS n FROM consumer_attempt WHERE event_id = ANY($1::uuid[])', [
        events.map((e) => e.id),
      ]),
    ).toBe(0);
    expect(atKill).toBeGreaterThanOrEqual(20);
  });

  it('Kafka stopped while mutations run: they succeed, events wait in the outbox, all arrive once it is back, none twice in effect', async () => {
    const N = 20;
    const ids: string[] = [];
    await kafka.down();
    try {
      for (let i = 0; i < N; i++) ids.push(await register(`停机${i}`));
      const waiting = await countRows(
        'enrollment',
        'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND message_key = ANY($1)',
        [ids],
      );
      expect(waiting).toBe(N);
      const degraded = await health(enrollmentService.url);
      expect(degraded.status).toBe(503);
      expect(degraded.body.checks.kafka!.ok).toBe(false);
    } finally {
      await kafka.up(); // always back, whatever failed above
    }
    await eventually(
      async () =>
        (await countRows(
          'enrollment',
          'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND message_key = ANY($1)',
          [ids],
        )) === 0,
      120_000,
      'the outbox drained',
      250,
    );
    await eventually(async () => (await messagesOf(ids)) === N, 120_000, `${N} notifications`, 250);
    // One in-app message per registration, and one inbox row per event: nothing applied twice.
    const outboxIds = await countRows(
      'notification',
      `SELECT count(DISTINCT caused_by_event_id) AS n FROM message WHERE person_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(outboxIds).toBe(N);
    expect(await messagesOf(ids)).toBe(N);
    expect((await health(enrollmentService.url)).status).toBe(200);
  });
});
