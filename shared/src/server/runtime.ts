import 'reflect-metadata';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import { systemClock, type Clock } from '../clock';
import type { ServiceConfig } from '../config';
import { openDatabase } from '../db';
import type { CloudEvent, EventData, EventName } from '../events';
import { KafkaPublisher, createKafka, type Kafka } from '../kafka';
import { createLogger, type Logger } from '../logging';
import { createMetrics, type Metrics } from '../metrics';
import { SHARED_ENTITIES, SHARED_MIGRATIONS } from '../migrations';
import { OutboxRelay, OutboxWriter } from '../outbox';

/** Writes an event to the outbox inside the command's transaction. */
export type Emit = <N extends EventName>(
  name: N,
  subject: string,
  data: EventData<N>,
) => Promise<CloudEvent<EventData<N>>>;

/** The body of a command: the transaction's EntityManager, and `emit` for its events. */
export type CommandBody<T> = (manager: EntityManager, emit: Emit) => Promise<T>;

/** Everything a running service (or a batch CLI) owns. Application services are built from it. */
export interface ServiceRuntime {
  name: string;
  config: ServiceConfig;
  logger: Logger;
  /** Where "now" and "today" come from, for every timestamp and every rule. */
  clock: Clock;
  dataSource: DataSource;
  kafka: Kafka;
  publisher: KafkaPublisher;
  outbox: OutboxWriter;
  relay: OutboxRelay;
  metrics: Metrics;
  /**
   * A state change and its events in one transaction: runs `body` in a transaction, then wakes the relay so the
   * events leave at once (the relay's poll is the safety net if the kick is lost).
   */
  command<T>(body: CommandBody<T>): Promise<T>;
  /** Stops the relay (after one more flush), disconnects Kafka and closes the database. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  name: string;
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  clock?: Clock;
  logger?: Logger;
  /** Kafka client id; `yibao-<name>` by default (the batch CLI names itself). */
  clientId?: string;
  poolSize?: number;
}

/** A transaction + outbox + kick helper over a data source, a writer and a relay. */
export function commandRunner(
  dataSource: DataSource,
  outbox: OutboxWriter,
  relay: { kick(): void },
): <T>(body: CommandBody<T>) => Promise<T> {
  return async (body) => {
    const result = await dataSource.transaction((manager) =>
      body(manager, (name, subject, data) => outbox.write(manager, name, subject, data)),
    );
    relay.kick();
    return result;
  };
}

/**
 * Opens what a service needs, the same way for the server and the batch CLI: the database with the shared and the
 * service's migrations, the Kafka producer, the outbox writer and relay (started), metrics and the clock.
 */
export async function createRuntime(options: RuntimeOptions): Promise<ServiceRuntime> {
  const { config, name } = options;
  const logger = options.logger ?? createLogger(name, config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    url: config.DATABASE_URL,
    entities: [...SHARED_ENTITIES, ...(options.entities as unknown[])] as never,
    migrations: [...SHARED_MIGRATIONS, ...options.migrations],
    poolSize: options.poolSize,
  });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: options.clientId ?? `yibao-${name}`, logger });
  const publisher = new KafkaPublisher(kafka);
  const metrics = createMetrics(name, { defaultMetrics: config.NODE_ENV !== 'test' });
  const relay = new OutboxRelay(dataSource, publisher, { pollMs: config.OUTBOX_POLL_MS, logger });
  const outbox = new OutboxWriter(name, clock);
  relay.start();
  let closing: Promise<void> | null = null;
  return {
    name,
    config,
    logger,
    clock,
    dataSource,
    kafka,
    publisher,
    outbox,
    relay,
    metrics,
    command: commandRunner(dataSource, outbox, relay),
    close: () =>
      (closing ??= (async () => {
        await relay.stop();
        await publisher.disconnect();
        await dataSource.destroy();
      })()),
  };
}
