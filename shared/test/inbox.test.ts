import { randomUUID } from 'node:crypto';
import {
  DEAD_LETTER_TOPIC,
  IdempotentConsumer,
  InboxMessage,
  KafkaPublisher,
  SHARED_MIGRATIONS,
  OutboxMessage,
  createLogger,
  openDatabase,
  type IncomingMessage,
} from '@yibao/shared';
import { TopicProbe, consentSigned, eventually, incomingMessage, testDatabaseUrl, testKafka } from '@yibao/test-kit';
import type { DataSource } from 'typeorm';

function consentMessage(personId: string): IncomingMessage {
  return incomingMessage('consent-signed', personId, consentSigned(personId), { service: 'test' });
}

describe('idempotent consumer (real PostgreSQL and Kafka)', () => {
  let ds: DataSource;
  let publisher: KafkaPublisher;
  const logger = createLogger('inbox-test', 'silent');

  beforeAll(async () => {
    ds = await openDatabase({
      url: testDatabaseUrl('shared'),
      entities: [OutboxMessage, InboxMessage],
      migrations: SHARED_MIGRATIONS,
    });
    await ds.query('CREATE TABLE IF NOT EXISTS effect (event_id uuid NOT NULL, person_id uuid NOT NULL)');
    publisher = new KafkaPublisher(testKafka());
  });

  afterAll(async () => {
    await publisher.disconnect();
    await ds.destroy();
  });

  const consumer = (
    handler: (personId: string, eventId: string, m: import('typeorm').EntityManager) => Promise<void>,
  ) =>
    new IdempotentConsumer(ds, {
      name: `test.${randomUUID()}`,
      logger,
      deadLetters: publisher,
      maxAttempts: 2,
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
});
