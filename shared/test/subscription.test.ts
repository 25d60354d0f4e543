import { randomUUID } from 'node:crypto';
import { KafkaPublisher, KafkaSubscription, ensureTopics, type IncomingMessage } from '@yibao/shared';
import { eventually, testKafka } from '@yibao/test-kit';

describe('Kafka subscription from the latest offset (real Kafka)', () => {
  // a scratch topic of its own: its plain-text messages are no event any consumer of the real topics should see
  const topic = 'test-subscription-start';
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    await ensureTopics(testKafka(), [topic], 3);
    publisher = new KafkaPublisher(testKafka());
  });
  afterAll(() => publisher.disconnect());

  it('a new group starts at the ends as they were at start(): what is produced before is skipped, everything after it is read', async () => {
    const key = randomUUID();
    await publisher.publish([{ topic, key, value: 'before' }]);
    const sub = new KafkaSubscription(testKafka(), `test-latest-${randomUUID()}`, [topic]);
    const seen: IncomingMessage[] = [];
    const joined = sub.waitForAssignment();
    await sub.start(async (m) => void (m.key === key && seen.push(m)), false);
    await joined;
    try {
      // produced the moment start() has resolved: kafkajs alone looked "latest" up at its first fetch, later
      await publisher.publish([{ topic, key, value: 'after' }]);
      await eventually(async () => seen.length > 0, 20000, 'the message produced after start()');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.map((m) => m.value)).toEqual(['after']);
    } finally {
      await sub.stop();
    }
  });

  it('a group that has committed before goes on from its commit, not from the ends', async () => {
    const groupId = `test-latest-${randomUUID()}`;
    const key = randomUUID();
    const seen: string[] = [];
    const run = async () => {
      const sub = new KafkaSubscription(testKafka(), groupId, [topic]);
      const joined = sub.waitForAssignment();
      await sub.start(async (m) => void (m.key === key && seen.push(m.value ?? '')), false);
      await joined;
      return sub;
    };
    const first = await run();
    await publisher.publish([{ topic, key, value: 'one' }]);
    await eventually(async () => seen.length === 1, 20000, 'the first message');
    await first.stop();
    await publisher.publish([{ topic, key, value: 'while away' }]);
    const second = await run();
    try {
      await eventually(async () => seen.length === 2, 20000, 'the message produced while the group was away');
      expect(seen).toEqual(['one', 'while away']);
    } finally {
      await second.stop();
    }
  });
});
