/**
 * The only module that imports kafkajs: a KafkaJS-compatible client can replace it here without touching services.
 */
import {
  CompressionTypes,
  Kafka,
  Partitioners,
  logLevel,
  type Consumer,
  type EachMessagePayload,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { Logger } from '../logging';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  logger?: Logger;
}

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** What the outbox relay needs from a broker. */
export interface EventPublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export type { Kafka };

export function createKafka(settings: KafkaSettings): Kafka {
  const log = settings.logger;
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      if (!log) return;
      const { message, ...extra } = entry.log;
      const level = entry.level <= logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
      log[level]({ kafka: entry.namespace, ...extra }, message);
    },
  });
}

/** Idempotent producer, acks from all in-sync replicas: a retried send is never written twice. */
export class KafkaPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // the murmur2 partitioner of the Java client: one person's key lands on the same partition for every client
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((e) => {
      this.connected = null;
      throw e;
    });
    return this.connected;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, ms]) => ({
        topic,
        messages: ms.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = null;
  }
}

function headersOf(raw: EachMessagePayload['message']['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) out[k] = String(v);
  return out;
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: headersOf(message.headers),
  };
}

/** What a batch handler can do with the batch it was given (KafkaSubscription.startBatches). */
export interface BatchContext {
  /** The message is done (applied, a duplicate or dead-lettered): the group resumes after it. */
  resolve(message: IncomingMessage): void;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping, or the partition was sought or revoked: handle no more of the batch. */
  isActive(): boolean;
}

const PARTITIONS_CONSUMED_CONCURRENTLY = 3;

/** A consumer-group subscription; the handler's promise is awaited before the offset is committed. */
export class KafkaSubscription {
  private readonly consumer: Consumer;
  private readonly commits: OffsetCommits;
  /** The partitions this member started at their ends on its first join (`fromBeginning` false, never committed). */
  private readonly sought: Array<{ topic: string; partition: number; offset: string }> = [];

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    private readonly topics: string[],
  ) {
    this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
    });
    this.commits = new OffsetCommits(this.consumer.logger());
  }

  /** One message at a time: the handler's promise is awaited before the message's offset is resolved. */
  async start(handler: (m: IncomingMessage) => Promise<void>, fromBeginning = true): Promise<void> {
    await this.connect(fromBeginning);
    await this.consumer.run({
      autoCommit: true,
      // Partitions are handled side by side (each one still in order, so one person's events stay in order): with one
      // at a time a consumer did about 60 events/s and fell behind a burst of registrations (bench/results.md).
      partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
      eachMessage: async ({ topic, partition, message }) => handler(incoming(topic, partition, message)),
    });
  }

  /**
   * A whole fetched batch of one partition at a time (in offset order): the handler resolves each message it is done
   * with, and what it resolved is committed once it returns (or throws). A message it leaves unresolved — because the
   * consumer is stopping (`ctx.isActive()` false) or it threw — is fetched again, by this member or the next one.
   *
   * The commit is not awaited before the next fetch (kafkajs' auto-commit awaits one broker round trip after every
   * batch, and fetches again only when every batch of the last fetch has committed): the resolved offsets go to the
   * broker in the background (`OffsetCommits`), one commit in flight at a time, with whatever was resolved meanwhile.
   * A commit only ever carries messages the handler resolved, so never an event whose transaction has not committed.
   * If the process dies before a commit lands, those messages are delivered again, and the inbox makes them
   * duplicates. When the consumer stops, the last batch's commit is awaited before the member leaves the group.
   */
  async startBatches(
    handler: (messages: IncomingMessage[], ctx: BatchContext) => Promise<void>,
    fromBeginning = true,
  ): Promise<void> {
    await this.connect(fromBeginning);
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Partitions side by side, as start(): kafkajs fetches every assigned partition at once and fetches again only
      // when all the batches of the last fetch are done, so with one at a time an event waited behind the batches of
      // every other partition fetched with it. A batch's transaction holds the locks of many persons; the consumer
      // takes them in one sorted statement first (IdempotentConsumer's claimRun), so two batches with the same
      // persons (one person's events on two topics) queue instead of deadlocking.
      partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const messages = batch.messages.map((m) => incoming(batch.topic, batch.partition, m));
        if (messages.length === 0) return;
        let resolved: string | null = null;
        try {
          await handler(messages, {
            resolve: (m) => {
              resolveOffset(m.offset);
              resolved = m.offset;
            },
            heartbeat,
            isActive: () => isRunning() && !isStale(),
          });
        } finally {
          if (resolved !== null) {
            // the offset committed is the next one to read
            this.commits.add(
              batch.topic,
              batch.partition,
              (BigInt(resolved) + 1n).toString(),
              commitOffsetsIfNecessary,
            );
          }
          // stopping: what this member resolved is committed before it leaves the group (leaving ends its commits)
          if (!isRunning()) await this.commits.settled();
        }
      },
    });
    // The ends sought on joining are committed as the group's start (kafkajs commits a seek only with auto-commit):
    // otherwise a partition that got no message before a restart would be sought at its end again, and what was
    // produced to it meanwhile skipped. A batch's own commit of such a partition, if it came first, is not undone.
    for (const p of this.sought.splice(0)) {
      this.commits.addUnlessCommitted(p.topic, p.partition, p.offset, (offsets) =>
        this.consumer.commitOffsets(
          offsets.topics.flatMap((t) =>
            t.partitions.map((x) => ({ topic: t.topic, partition: x.partition, offset: x.offset })),
          ),
        ),
      );
    }
    await this.commits.settled();
  }

  private async connect(fromBeginning: boolean): Promise<void> {
    const pinned = fromBeginning ? [] : await this.endsNeverCommitted();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning });
    if (pinned.length === 0) return;
    // seek() on the first join is applied before the group's first fetch (kafkajs emits GROUP_JOIN synchronously,
    // before it schedules fetching); with auto-commit it also commits the offset sought (startBatches, without
    // auto-commit, commits it itself: this.sought)
    const off = this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      off();
      for (const p of pinned) {
        if (!payload.memberAssignment[p.topic]?.includes(p.partition)) continue;
        this.consumer.seek(p);
        this.sought.push(p);
      }
    });
  }

  /**
   * "From the latest offset" means the end of each partition when start() was called. Left to kafkajs, a new group
   * looks the end up at its first fetch, after it has joined: an event produced in between (a test producing as soon
   * as start() resolved) fell before "latest" and was never read. So the ends of the partitions this group has never
   * committed are read before joining, and the group starts there.
   */
  private async endsNeverCommitted(): Promise<Array<{ topic: string; partition: number; offset: string }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const pinned: Array<{ topic: string; partition: number; offset: string }> = [];
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics });
      for (const t of committed) {
        const never = new Set(t.partitions.filter((p) => Number(p.offset) < 0).map((p) => p.partition));
        if (never.size === 0) continue;
        for (const end of await admin.fetchTopicOffsets(t.topic)) {
          if (never.has(end.partition)) pinned.push({ topic: t.topic, partition: end.partition, offset: end.high });
        }
      }
      return pinned;
    } finally {
      await admin.disconnect();
    }
  }

  /** Resolves once the group has assigned partitions to this member (tests wait on it before producing). */
  waitForAssignment(timeoutMs = 30000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no partitions assigned to ${this.groupId} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    await this.commits.settled(); // the commits of batches already done, before the member leaves
    await this.consumer.disconnect(); // a batch still running commits its own before it returns (startBatches)
    await this.commits.settled();
  }
}

type CommitOffsets = (offsets: {
  topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
}) => Promise<void>;

/**
 * Offsets resolved by a subscription's batch handler, committed to the group in the background: at most one commit in
 * flight; offsets resolved while it is in flight go together in the next one (the latest offset of each partition).
 * A commit that fails (a rebalance in progress, the broker away) is logged and dropped: the partition's next batch
 * commits a later offset, and until then the worst case is that its messages are delivered again (to the inbox, a
 * duplicate).
 */
class OffsetCommits {
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  /** Every partition an offset was added for. */
  private readonly added = new Set<string>();
  private inFlight: Promise<void> | null = null;
  private commit: CommitOffsets | null = null;

  constructor(private readonly logger: { warn(message: string, extra?: object): void }) {}

  /** `offset`: the next offset to read of the partition; `commit`: kafkajs' batch `commitOffsetsIfNecessary`. */
  add(topic: string, partition: number, offset: string, commit: CommitOffsets): void {
    const key = `${topic}\u0000${partition}`;
    this.pending.set(key, { topic, partition, offset });
    this.added.add(key);
    this.commit = commit;
    this.kick();
  }

  /** As `add`, unless an offset of the partition was added before (a later one: it must not be undone). */
  addUnlessCommitted(topic: string, partition: number, offset: string, commit: CommitOffsets): void {
    if (!this.added.has(`${topic}\u0000${partition}`)) this.add(topic, partition, offset, commit);
  }

  private kick(): void {
    this.inFlight ??= this.drain().finally(() => {
      this.inFlight = null;
      // added after the loop's last look at `pending`: go round again
      if (this.pending.size > 0) this.kick();
    });
  }

  /** Resolves when nothing is pending or in flight. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && this.commit) {
      const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
      for (const p of this.pending.values()) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
      this.pending.clear();
      const topics = [...byTopic].map(([topic, ps]) => ({
        topic,
        partitions: ps.map(({ partition, offset }) => ({ partition, offset })),
      }));
      try {
        await this.commit({ topics });
      } catch (e) {
        this.logger.warn('offset commit failed; the messages may be delivered again', {
          error: e instanceof Error ? e.message : String(e),
          topics,
        });
      }
    }
  }
}

export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/** Those of `topics` the cluster does not have (producers and consumers here never create a topic). */
export async function missingTopics(kafka: Kafka, topics: string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    return [...new Set(topics)].filter((t) => !existing.has(t));
  } finally {
    await admin.disconnect();
  }
}

/** Health probe: can we reach the cluster? */
export async function pingKafka(kafka: Kafka): Promise<{ brokers: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Messages produced but not yet committed by the group, summed over its topics' partitions. A partition the group has
 * never committed counts from its beginning when the group starts there, and as 0 when it starts at the latest offset.
 */
export async function consumerLag(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  fromBeginning = true,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0;
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const t of committed) {
      const ends = await admin.fetchTopicOffsets(t.topic);
      for (const p of t.partitions) {
        const end = ends.find((e) => e.partition === p.partition);
        if (!end) continue;
        const high = Number(end.high);
        const never = Number(p.offset) < 0;
        const done = never ? (fromBeginning ? Number(end.low) : Number(end.high)) : Number(p.offset);
        lag += Math.max(0, high - done);
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
