import { randomUUID } from 'node:crypto';
import { KafkaSubscription, createKafka, type CloudEvent, type IncomingMessage } from '@yibao/shared';
import { KAFKA_BROKERS } from './env';
import { eventually } from './eventually';

/** A client of the shared test broker (KAFKA_BROKERS), or of the brokers given (a suite's private broker). */
export const testKafka = (brokers: string = KAFKA_BROKERS) =>
  createKafka({ brokers: brokers.split(','), clientId: `yibao-test-${randomUUID().slice(0, 8)}` });

/** Sum of the end offsets of a topic's partitions: grows by one per message written. */
export async function topicEndOffset(topic: string, brokers?: string): Promise<number> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads topics with a throw-away group from their beginning (so nothing produced around start() can be missed) and
 * collects the CloudEvents seen.
 */
export class TopicProbe {
  readonly received: Array<{ message: IncomingMessage; event: CloudEvent }> = [];
  private readonly sub: KafkaSubscription;

  constructor(topics: string[], brokers?: string) {
    this.sub = new KafkaSubscription(testKafka(brokers), `test-probe-${randomUUID()}`, topics);
  }

  async start(): Promise<this> {
    const joined = this.sub.waitForAssignment();
    await this.sub.start(async (message) => {
      // a message that is no JSON (another test's poison message) is passed over: throwing here would stop the probe
      try {
        this.received.push({ message, event: JSON.parse(message.value ?? '{}') as CloudEvent });
      } catch {
        /* not an event */
      }
    });
    await joined;
    return this;
  }

  /** Waits until an event matching `predicate` has arrived. */
  waitFor(predicate: (e: CloudEvent) => boolean, timeoutMs = 20000): Promise<CloudEvent> {
    return eventually(
      async () => this.received.find((r) => predicate(r.event))?.event,
      timeoutMs,
      `a matching event (saw ${this.received.length})`,
      50,
    );
  }

  /** The events seen so far that match `predicate`. */
  seen(predicate: (e: CloudEvent) => boolean): CloudEvent[] {
    return this.received.filter((r) => predicate(r.event)).map((r) => r.event);
  }

  stop(): Promise<void> {
    return this.sub.stop();
  }
}
