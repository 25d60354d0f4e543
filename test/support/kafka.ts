import { randomUUID } from 'node:crypto';
import { KafkaSubscription, createKafka, type CloudEvent, type IncomingMessage } from '@yibao/shared';
import { KAFKA_BROKERS } from './env';

export const testKafka = () =>
  createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: `yibao-test-${randomUUID().slice(0, 8)}` });

/** Sum of the end offsets of a topic's partitions: grows by one per message written. */
export async function topicEndOffset(topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads a topic from its beginning with a throw-away group and collects the CloudEvents seen. */
export class TopicProbe {
  readonly received: Array<{ message: IncomingMessage; event: CloudEvent }> = [];
  private readonly sub: KafkaSubscription;

  constructor(topics: string[]) {
    this.sub = new KafkaSubscription(testKafka(), `test-probe-${randomUUID()}`, topics);
  }

  async start(): Promise<this> {
    const joined = this.sub.waitForAssignment();
    await this.sub.start(async (message) => {
      this.received.push({ message, event: JSON.parse(message.value ?? '{}') as CloudEvent });
    });
    await joined;
    return this;
  }

  /** Waits until an event matching `predicate` has arrived. */
  async waitFor(predicate: (e: CloudEvent) => boolean, timeoutMs = 20000): Promise<CloudEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find((r) => predicate(r.event));
      if (hit) return hit.event;
      if (Date.now() > deadline)
        throw new Error(`no matching event within ${timeoutMs} ms (saw ${this.received.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): Promise<void> {
    return this.sub.stop();
  }
}

export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
