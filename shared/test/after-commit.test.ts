import { randomUUID } from 'node:crypto';
import { IdempotentConsumer, KafkaPublisher, OutboxRelay, OutboxWriter, createLogger } from '@yibao/shared';
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
 * A consumer's handler that writes events (notification's notification-sent, benefits' waiting-period-assigned) wakes
 * the outbox relay once its transaction commits, as a command does: the service kit hangs `relay.kick()` on the
 * consumer's after-commit hook when the writer wrote in that transaction.
 */
describe('consumer after-commit hook (real PostgreSQL and Kafka)', () => {
  let ds: DataSource;
  let publisher: KafkaPublisher;
  const logger = createLogger('after-commit-test', 'silent');
  const writer = new OutboxWriter('after-commit-test');

  beforeAll(async () => {
    ds = await openSharedTestDatabase();
    publisher = new KafkaPublisher(testKafka());
  });

  afterAll(async () => {
    await publisher.disconnect();
    await ds.destroy();
  });

  const consumer = () =>
    new IdempotentConsumer(ds, {
      name: `test.${randomUUID()}`,
      logger,
      deadLetters: publisher,
      handlers: {
        // writes an event of its own, like notification's handlers
        'person-registered': async (event, m) => {
          await writer.write(m, 'consent-signed', event.data.personId, consentSigned(event.data.personId));
        },
        // writes none
        'consent-signed': async () => undefined,
      },
    });

  it('runs after each transaction that applied events, saying whether the writer wrote in it; not for duplicates', async () => {
    const c = consumer();
    const seen: boolean[] = [];
    c.afterCommit((m: EntityManager) => seen.push(writer.wroteIn(m)));
    const p = randomUUID();
    const writes = incomingMessage('person-registered', p, personRegistered(p));
    const quiet = incomingMessage('consent-signed', p, consentSigned(p));

    expect(await c.handleBatch([writes])).toEqual(['applied']);
    expect(await c.handleBatch([quiet])).toEqual(['applied']);
    expect(await c.handleBatch([writes, quiet])).toEqual(['duplicate', 'duplicate']);
    expect(seen).toEqual([true, false]);
  });

  it('wired to the relay as the service kit does, the handler’s event is published without waiting for a poll', async () => {
    const c = consumer();
    // a poll far beyond the test's patience: only the kick can publish in time
    const relay = new OutboxRelay(ds, publisher, { pollMs: 600_000 });
    c.afterCommit((m) => {
      if (writer.wroteIn(m)) relay.kick();
    });
    relay.start();
    try {
      const p = randomUUID();
      expect(await c.handleBatch([incomingMessage('person-registered', p, personRegistered(p))])).toEqual(['applied']);
      await eventually(
        async () =>
          ((await ds.query(`SELECT 1 FROM outbox WHERE message_key = $1 AND sent_at IS NOT NULL`, [p])) as unknown[])
            .length > 0,
        60_000,
        'the handler’s event published',
      );
    } finally {
      await relay.stop();
    }
  });
});
