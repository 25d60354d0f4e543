import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTRACTS,
  DEAD_LETTER_TOPIC,
  cloudEventSchema,
  type CloudEvent,
  type EventData,
  type EventName,
} from '../events';
import { KafkaSubscription, type EventPublisher, type IncomingMessage, type Kafka } from '../kafka';
import { withCorrelation, type Logger } from '../logging';
import { ConsumerAttempts } from './attempts';

export type EventHandler<N extends EventName> = (
  event: CloudEvent<EventData<N>>,
  manager: EntityManager,
) => Promise<void>;
export type EventHandlers = { [N in EventName]?: EventHandler<N> };

export interface ConsumerOptions {
  /** Consumer name, also the Kafka group id: `<service>.<purpose>`. */
  name: string;
  handlers: EventHandlers;
  logger: Logger;
  /** Attempts of one message before it goes to the dead-letter topic, counted across restarts (consumer_attempt). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Publisher for dead letters (the service's producer). */
  deadLetters: EventPublisher;
}

export type HandleOutcome = 'applied' | 'duplicate' | 'dead-lettered';

/**
 * Thrown out of `handle()` when the consumer is stopping with a failed attempt behind it: rather than retrying, it leaves
 * the message uncommitted for the next instance, which continues the durable attempt count.
 */
export class ConsumerStopping extends Error {}

/**
 * Idempotent consumer: each event is recorded in the inbox (event id + consumer name) in the same transaction as its
 * effect, so a redelivered event finds its row and changes nothing. Malformed messages, and messages whose handler
 * keeps failing, go to the dead-letter topic with the reason instead of blocking the partition. Attempts are counted in
 * the database before the handler runs, so "keeps failing" also covers a handler that kills the process: after
 * `maxAttempts` tries in total, whichever instances made them, the message is dead-lettered without another run.
 */
export class IdempotentConsumer {
  private subscription: KafkaSubscription | null = null;
  readonly topics: string[];
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly attempts: ConsumerAttempts;
  private stopping = false;

  constructor(
    private readonly ds: DataSource,
    private readonly options: ConsumerOptions,
  ) {
    this.topics = Object.keys(options.handlers);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.attempts = new ConsumerAttempts(ds, options.name, this.maxAttempts);
  }

  private groupPrefix = '';

  /** The Kafka consumer group: the consumer's name behind the deployment's prefix. */
  get groupId(): string {
    return `${this.groupPrefix}${this.options.name}`;
  }

  async start(kafka: Kafka, groupPrefix = '', fromBeginning = true): Promise<void> {
    this.groupPrefix = groupPrefix;
    this.stopping = false;
    this.subscription = new KafkaSubscription(kafka, this.groupId, this.topics);
    const joined = this.subscription.waitForAssignment();
    await this.subscription.start((m) => this.handle(m).then(() => undefined), fromBeginning);
    await joined;
  }

  /** Leaves the group once the message in hand is done; a failing message is not retried meanwhile (ConsumerStopping). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = null;
  }

  /**
   * Handles one message; public so the idempotency can be proved by redelivering the same message. Throws only when
   * the attempt cannot be counted (database away) or the consumer is stopping: the message then stays uncommitted
   * and comes back, to this or another instance.
   */
  async handle(message: IncomingMessage): Promise<HandleOutcome> {
    const parsed = this.parse(message);
    if (!parsed.ok) return this.deadLetter(message, parsed.error, 0);
    const event = parsed.event;
    const name = message.topic as EventName;
    const handler = this.options.handlers[name] as EventHandler<EventName> | undefined;
    if (!handler) return 'duplicate';
    return withCorrelation(event.correlationid ?? event.id, async () => {
      for (;;) {
        // Counted and committed before the handler runs: an attempt that takes the process down still counts.
        const start = await this.attempts.begin(event.id, message);
        if (!start.started) {
          // Earlier instances started every attempt and the last one never came back: it died with its process.
          const last = start.lastError ? `; last error: ${start.lastError}` : '';
          const reason = `attempt ${start.attempts} of ${this.maxAttempts} never finished (the consumer stopped or crashed during it)${last}`;
          return this.giveUp(message, event.id, reason, start.attempts);
        }
        try {
          return await this.apply(name, handler, event);
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          this.options.logger.warn({ err: e, eventId: event.id, attempt: start.attempt }, 'event handler failed');
          if (start.attempt >= this.maxAttempts) return this.giveUp(message, event.id, error, start.attempt);
          await this.attempts.failed(event.id, error);
          if (!this.stopping) await new Promise((r) => setTimeout(r, this.retryDelayMs * start.attempt));
          if (this.stopping)
            throw new ConsumerStopping(
              `consumer ${this.options.name} is stopping: ${event.id} left for the next instance`,
            );
        }
      }
    });
  }

  private async apply(name: EventName, handler: EventHandler<EventName>, event: CloudEvent): Promise<HandleOutcome> {
    return this.ds.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (event_id, consumer, topic, event_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.options.name, name, event.type],
      );
      await this.attempts.clear(event.id, manager); // with the effect: an applied event has no attempts left to count
      if (inserted.length === 0) {
        this.options.logger.debug({ eventId: event.id }, 'duplicate event ignored');
        return 'duplicate';
      }
      await handler(event as CloudEvent<EventData<EventName>>, manager);
      return 'applied';
    });
  }

  /** Dead-letters an event whose attempts are used up, then forgets them (a redelivery would dead-letter it again). */
  private async giveUp(
    message: IncomingMessage,
    eventId: string,
    error: string,
    attempts: number,
  ): Promise<HandleOutcome> {
    const outcome = await this.deadLetter(message, error, attempts);
    await this.attempts.clear(eventId);
    return outcome;
  }

  private parse(message: IncomingMessage): { ok: true; event: CloudEvent } | { ok: false; error: string } {
    let json: unknown;
    try {
      json = JSON.parse(message.value ?? '');
    } catch {
      return { ok: false, error: 'value is not JSON' };
    }
    const envelope = cloudEventSchema.safeParse(json);
    if (!envelope.success) return { ok: false, error: `not a CloudEvents envelope: ${envelope.error.message}` };
    const contract = CONTRACTS[message.topic as EventName];
    if (!contract) return { ok: false, error: `no contract for topic ${message.topic}` };
    const data = contract.schema.safeParse(envelope.data.data);
    if (!data.success)
      return { ok: false, error: `data breaks ${message.topic} v${contract.version}: ${data.error.message}` };
    return { ok: true, event: { ...envelope.data, data: data.data } };
  }

  /** `attempts`: handler runs started on it (0 for a malformed message, which never reaches a handler). */
  private async deadLetter(message: IncomingMessage, error: string, attempts: number): Promise<HandleOutcome> {
    this.options.logger.error(
      { topic: message.topic, offset: message.offset, error, attempts },
      'message sent to dead-letter topic',
    );
    await this.options.deadLetters.publish([
      {
        topic: DEAD_LETTER_TOPIC,
        key: message.key ?? 'none',
        value: JSON.stringify({
          consumer: this.options.name,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          error,
          attempts,
          value: message.value,
        }),
      },
    ]);
    return 'dead-lettered';
  }
}
