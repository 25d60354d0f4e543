import { randomUUID } from 'node:crypto';
import { KafkaPublisher, KafkaSubscription, consumerLag, ensureTopics, type IncomingMessage } from '@yibao/shared';
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

  it('batches: what the handler resolved is committed without stopping, and by stop(); nothing resolved comes again, nothing unresolved is lost', async () => {
    const groupId = `test-batches-${randomUUID()}`;
    const key = randomUUID();
    const seen: string[] = [];
    const run = async () => {
      const sub = new KafkaSubscription(testKafka(), groupId, [topic]);
      const joined = sub.waitForAssignment();
      await sub.startBatches(async (messages, ctx) => {
        for (const m of messages) {
          if (m.key === key) {
            // 'stop here' is left unresolved the first time: the group must give it again
            if (m.value === 'stop here' && !seen.includes('stop here')) {
              seen.push(m.value);
              return;
            }
            seen.push(m.value ?? '');
          }
          ctx.resolve(m);
        }
      }, false);
      await joined;
      return sub;
    };
    const first = await run();
    try {
      await publisher.publish(['one', 'two'].map((value) => ({ topic, key, value })));
      await eventually(async () => seen.length === 2, 20000, 'both messages');
      // committed in the background, the subscription still running
      await eventually(async () => (await consumerLag(testKafka(), groupId, [topic], false)) === 0, 20000, 'no lag');
      await publisher.publish(['three'].map((value) => ({ topic, key, value })));
      await eventually(async () => seen.length === 3, 20000, 'the third message');
    } finally {
      await first.stop(); // commits 'three' if the background commit has not yet
    }
    expect(await consumerLag(testKafka(), groupId, [topic], false)).toBe(0);

    const second = await run();
    try {
      await publisher.publish(['stop here', 'four'].map((value) => ({ topic, key, value })));
      await eventually(async () => seen.includes('four'), 20000, 'the message after the one left unresolved');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual(['one', 'two', 'three', 'stop here', 'stop here', 'four']);
    } finally {
      await second.stop();
    }
    expect(await consumerLag(testKafka(), groupId, [topic], false)).toBe(0);
  });
});
