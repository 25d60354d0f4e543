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
  /** Attempts of one message before it goes to the dead-letter topic. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Publisher for dead letters (the service's producer). */
  deadLetters: EventPublisher;
}

export type HandleOutcome = 'applied' | 'duplicate' | 'dead-lettered';

/**
 * Idempotent consumer: each event is recorded in the inbox (event id + consumer name) in the same transaction as its
 * effect, so a redelivered event finds its row and changes nothing. Malformed messages, and messages whose handler
 * keeps failing, go to the dead-letter topic with the reason instead of blocking the partition.
 */
export class IdempotentConsumer {
  private subscription: KafkaSubscription | null = null;
  readonly topics: string[];
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly ds: DataSource,
    private readonly options: ConsumerOptions,
  ) {
    this.topics = Object.keys(options.handlers);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  private groupPrefix = '';

  /** The Kafka consumer group: the consumer's name behind the deployment's prefix. */
  get groupId(): string {
    return `${this.groupPrefix}${this.options.name}`;
  }

  async start(kafka: Kafka, groupPrefix = '', fromBeginning = true): Promise<void> {
    this.groupPrefix = groupPrefix;
    this.subscription = new KafkaSubscription(kafka, this.groupId, this.topics);
    const joined = this.subscription.waitForAssignment();
    await this.subscription.start((m) => this.handle(m).then(() => undefined), fromBeginning);
    await joined;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  /** Handles one message; public so the idempotency can be proved by redelivering the same message. */
  async handle(message: IncomingMessage): Promise<HandleOutcome> {
    const parsed = this.parse(message);
    if (!parsed.ok) return this.deadLetter(message, parsed.error);
    const event = parsed.event;
    return withCorrelation(event.correlationid ?? event.id, async () => {
      let lastError: unknown;
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        try {
          return await this.apply(message.topic as EventName, event);
        } catch (e) {
          lastError = e;
          this.options.logger.warn({ err: e, eventId: event.id, attempt }, 'event handler failed');
          await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
        }
      }
      return this.deadLetter(message, lastError instanceof Error ? lastError.message : String(lastError));
    });
  }

  private async apply(name: EventName, event: CloudEvent): Promise<HandleOutcome> {
    const handler = this.options.handlers[name] as EventHandler<EventName> | undefined;
    if (!handler) return 'duplicate';
    return this.ds.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (event_id, consumer, topic, event_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.options.name, name, event.type],
      );
      if (inserted.length === 0) {
        this.options.logger.debug({ eventId: event.id }, 'duplicate event ignored');
        return 'duplicate';
      }
      await handler(event as CloudEvent<EventData<EventName>>, manager);
      return 'applied';
    });
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

  private async deadLetter(message: IncomingMessage, error: string): Promise<HandleOutcome> {
    this.options.logger.error(
      { topic: message.topic, offset: message.offset, error },
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
          value: message.value,
        }),
      },
    ]);
    return 'dead-lettered';
  }
}
