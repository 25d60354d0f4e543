import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTRACTS,
  DEAD_LETTER_TOPIC,
  cloudEventSchema,
  type CloudEvent,
  type EventData,
  type EventName,
} from '../events';
import { KafkaSubscription, type BatchContext, type EventPublisher, type IncomingMessage, type Kafka } from '../kafka';
import { withCorrelation, type Logger } from '../logging';
import { ConsumerAttempts, type AttemptStart } from './attempts';

export type EventHandler<N extends EventName> = (
  event: CloudEvent<EventData<N>>,
  manager: EntityManager,
) => Promise<void>;
export type EventHandlers = { [N in EventName]?: EventHandler<N> };
/**
 * The effect of several events of one topic at once (set-based: a few statements for all of them instead of a few per
 * event). It must do exactly what the topic's single-event handler does to each event in turn, in their order. Each
 * event keeps its own correlation id (`event.correlationid ?? event.id`, what the single handler runs under): what it
 * writes on an event's behalf should carry it.
 */
export type BatchEventHandler<N extends EventName> = (
  events: Array<CloudEvent<EventData<N>>>,
  manager: EntityManager,
) => Promise<void>;
export type BatchEventHandlers = { [N in EventName]?: BatchEventHandler<N> };

/** One event of a run: the message, its parsed event and the topic's single-event handler. */
interface RunEntry {
  message: IncomingMessage;
  event: CloudEvent;
  handler: EventHandler<EventName>;
}

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
  /** Most events applied in one transaction when a fetched batch is applied whole (default 100). */
  batchSize?: number;
  /**
   * Optional, per topic (which must also have a handler): in a fetched batch, a run of two or more consecutive events
   * of the topic is applied with one call of this instead of one call of the handler per event. The one-by-one path
   * (`handle()`, retries, an event with attempts behind it) always calls the single-event handler; when this throws,
   * the run is applied again with the single-event handlers, which find the failing event.
   */
  batchHandlers?: BatchEventHandlers;
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
  private readonly batchSize: number;
  private stopping = false;
  /**
   * Events whose first attempt a batch counted (consumer_attempt row at 1) but which it did not run, because an event
   * before them failed: the one-by-one path runs that counted attempt instead of counting another.
   */
  private readonly counted = new Set<string>();
  /** Of those, the ones whose handler threw in a batch: the error of that first attempt, continued one by one. */
  private readonly failedInBatch = new Map<string, unknown>();
  /** Run after each transaction that applied an event has committed (see `afterCommit`). */
  private readonly committedHooks: Array<(manager: EntityManager) => void> = [];

  constructor(
    private readonly ds: DataSource,
    private readonly options: ConsumerOptions,
  ) {
    this.topics = Object.keys(options.handlers);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.attempts = new ConsumerAttempts(ds, options.name, this.maxAttempts);
    this.batchSize = Math.max(1, options.batchSize ?? 100);
  }

  /**
   * `hook` runs after each transaction that applied an event commits, with that transaction's manager: the service kit
   * wakes its outbox relay with it, so what a handler wrote to the outbox leaves at once instead of at the next poll.
   */
  afterCommit(hook: (manager: EntityManager) => void): void {
    this.committedHooks.push(hook);
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
    await this.subscription.startBatches(
      (messages, ctx) => this.handleBatch(messages, ctx).then(() => undefined),
      fromBeginning,
    );
    await joined;
  }

  /** Leaves the group once the message in hand is done; a failing message is not retried meanwhile (ConsumerStopping). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = null;
    // counted first attempts not run stay in consumer_attempt: the next instance counts on from them
    this.counted.clear();
    this.failedInBatch.clear();
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
    return withCorrelation(event.correlationid ?? event.id, () => this.attemptOneByOne(message, event, handler));
  }

  /**
   * Handles the messages of one partition, in order, as a fetched batch (what the Kafka subscription calls); public so
   * tests can hand it a batch. Runs of well-formed events are applied together: their first attempts counted in one
   * statement, then applied in one transaction (their keys locked, inbox rows inserted and attempt counts deleted in
   * one statement, then each handler in turn). An event with attempts already counted (it failed or crashed before)
   * and a malformed message go the one-by-one path of `handle()`. When a handler throws, the transaction is rolled
   * back, the events before it are applied again without it, and it continues one by one from its failed first attempt
   * (retried, counted and dead-lettered exactly as `handle()` does) before the rest of the batch. Each message is
   * resolved in `ctx` once done; when `ctx.isActive()` turns false the rest is left unresolved, for the next fetch or
   * instance.
   */
  async handleBatch(messages: IncomingMessage[], ctx: Partial<BatchContext> = {}): Promise<HandleOutcome[]> {
    const outcomes: HandleOutcome[] = [];
    let next = 0;
    while (next < messages.length) {
      if (ctx.isActive && !ctx.isActive()) break;
      const done = await this.handleRun(messages.slice(next, next + this.batchSize));
      for (const outcome of done) {
        outcomes.push(outcome);
        ctx.resolve?.(messages[next]!);
        next += 1;
      }
      await ctx.heartbeat?.();
    }
    return outcomes;
  }

  /** Handles a leading part of `messages` (at least the first); returns the outcomes of the part handled. */
  private async handleRun(messages: IncomingMessage[]): Promise<HandleOutcome[]> {
    // the run: the leading well-formed events this consumer handles, each event id once
    const run: RunEntry[] = [];
    const ids = new Set<string>();
    for (const message of messages) {
      const parsed = this.parse(message);
      const handler = this.options.handlers[message.topic as EventName] as EventHandler<EventName> | undefined;
      if (!parsed.ok || !handler || ids.has(parsed.event.id)) break;
      if (this.failedInBatch.has(parsed.event.id)) {
        if (run.length > 0) break;
        // its first attempt failed in the batch before: it goes on one by one from there
        const error = this.failedInBatch.get(parsed.event.id);
        this.failedInBatch.delete(parsed.event.id);
        this.counted.delete(parsed.event.id);
        return [
          await withCorrelation(parsed.event.correlationid ?? parsed.event.id, () =>
            this.attemptOneByOne(message, parsed.event, handler, { attempt: 1, error }),
          ),
        ];
      }
      ids.add(parsed.event.id);
      run.push({ message, event: parsed.event, handler });
    }
    if (run.length === 0) return [await this.handle(messages[0]!)];

    // First attempts counted (and committed) before any handler runs, as handle() does, in one statement. It runs on a
    // connection of its own while the run's transaction begins on another, and the transaction waits for it before its
    // first statement (applyTogether's `counting`). An event that already has attempts behind it ends the run: it goes
    // one by one, where its count goes on.
    const counting = this.attempts
      .beginFirst(
        run.filter((r) => !this.counted.has(r.event.id)).map((r) => ({ eventId: r.event.id, message: r.message })),
      )
      .then((fresh) => {
        for (const r of run) if (fresh.has(r.event.id)) this.counted.add(r.event.id);
        const length = run.findIndex((r) => !this.counted.has(r.event.id));
        return length < 0 ? run : run.slice(0, length);
      });
    counting.catch(() => undefined); // its failure is met below, once the transaction is over

    let applying: RunEntry[] | undefined; // the run's leading events whose attempts are counted, once known
    let together = true; // batch handlers, until one throws in this run
    for (;;) {
      const result = await this.applyMany(applying ?? run, together, applying ? undefined : counting);
      // the count failed (the database away): thrown, so the batch comes again
      applying ??= await counting;
      if (applying.length === 0) return [await this.handle(run[0]!.message)];
      if (result.ok) {
        for (const r of applying) this.counted.delete(r.event.id);
        return result.outcomes;
      }
      if (result.inBatchHandler) {
        // A batch handler cannot say which of its events failed: the same events again, each with its single-event
        // handler, which can. No attempt is counted for this (it is still the first attempt of each).
        this.options.logger.warn(
          { err: result.error, events: applying.length },
          'batch handler failed; applying one at a time',
        );
        together = false;
        continue;
      }
      if (result.failedAt === undefined) {
        // not a handler's failure (the transaction itself): one by one, each from its counted attempt
        return [await this.handle(applying[0]!.message)];
      }
      if (result.failedAt > 0) {
        // the events before it again, without it; its failed first attempt is kept for when its turn comes
        this.failedInBatch.set(applying[result.failedAt]!.event.id, result.error);
        applying = applying.slice(0, result.failedAt);
        continue;
      }
      // the first event's handler threw: that was its first attempt; it goes on one by one from there
      const { message, event, handler } = applying[0]!;
      this.counted.delete(event.id);
      return [
        await withCorrelation(event.correlationid ?? event.id, () =>
          this.attemptOneByOne(message, event, handler, { attempt: 1, error: result.error }),
        ),
      ];
    }
  }

  /**
   * Applies events in one transaction; on a failure, says which single-event handler threw (`failedAt`; undefined:
   * none did) or that a batch handler did (`inBatchHandler`).
   */
  private async applyMany(
    run: RunEntry[],
    together: boolean,
    counting?: Promise<RunEntry[]>,
  ): Promise<
    { ok: true; outcomes: HandleOutcome[] } | { ok: false; failedAt?: number; inBatchHandler?: boolean; error: unknown }
  > {
    const at: Running = {};
    try {
      return { ok: true, outcomes: await this.applyTogether(run, at, together, counting) };
    } catch (error) {
      // A deadlock with another batch (two partitions holding locks of the same persons) is the transaction's, not the
      // handler's: the run goes one by one, without counting a failed attempt against the event that met it.
      if (isTransient(error)) return { ok: false, error };
      return { ok: false, failedAt: at.running, inBatchHandler: at.batch, error };
    }
  }

  /**
   * The effect of events, in one transaction with their inbox rows (a redelivered event finds its row and changes
   * nothing) and with their attempt counts cleared; `at` names the handler running when one throws. `together`:
   * consecutive events of a topic with a batch handler go to it in one call. `counting`: the first attempts being
   * counted meanwhile on another connection; the transaction, once begun, waits for them and applies the events it
   * yields (the leading events of `run` counted) instead of `run`.
   */
  private async applyTogether(
    events: RunEntry[],
    at: Running = {},
    together = false,
    counting?: Promise<RunEntry[]>,
  ): Promise<HandleOutcome[]> {
    let tx: EntityManager | undefined;
    const out = await this.ds.transaction(async (manager) => {
      tx = manager;
      const run = counting ? await counting : events;
      if (run.length === 0) return [];
      // the keys locked, the inbox rows inserted and the attempt counts cleared, in one statement (see claimRun)
      const applies = await claimRun(manager, this.options.name, run);
      const result: HandleOutcome[] = [];
      // the events to apply, in order, cut where the topic changes (a duplicate between two events changes nothing)
      const toApply: Array<[number, RunEntry]> = [];
      for (const [index, r] of run.entries()) {
        if (applies.has(r.event.id)) toApply.push([index, r]);
        else this.options.logger.debug({ eventId: r.event.id }, 'duplicate event ignored');
        result.push(applies.has(r.event.id) ? 'applied' : 'duplicate');
      }
      let i = 0;
      while (i < toApply.length) {
        const [index, { message, event, handler }] = toApply[i]!;
        const batchHandler = together
          ? (this.options.batchHandlers?.[message.topic as EventName] as BatchEventHandler<EventName> | undefined)
          : undefined;
        let end = i + 1;
        if (batchHandler) while (end < toApply.length && toApply[end]![1].message.topic === message.topic) end++;
        if (batchHandler && end - i > 1) {
          const events = toApply.slice(i, end).map(([, r]) => r.event as CloudEvent<EventData<EventName>>);
          at.batch = true;
          await inCorrelationOf(events, () => batchHandler(events, manager));
          at.batch = undefined;
        } else {
          at.running = index;
          await withCorrelation(event.correlationid ?? event.id, () =>
            handler(event as CloudEvent<EventData<EventName>>, manager),
          );
          at.running = undefined;
        }
        i = end;
      }
      return result;
    });
    if (tx && out.includes('applied')) {
      for (const hook of this.committedHooks) {
        try {
          hook(tx);
        } catch (e) {
          // committed already: a failing hook must not make the event look failed (it would be applied again)
          this.options.logger.warn({ err: e }, 'after-commit hook failed');
        }
      }
    }
    return out;
  }

  /**
   * The one-by-one path: counts an attempt (committed) before each run of the handler, retries a failing one after a
   * growing delay, and dead-letters it once `maxAttempts` are used. `failed`: the attempt a batch already ran for it.
   */
  private async attemptOneByOne(
    message: IncomingMessage,
    event: CloudEvent,
    handler: EventHandler<EventName>,
    failed?: { attempt: number; error: unknown },
  ): Promise<HandleOutcome> {
    for (;;) {
      if (failed) {
        const error = failed.error instanceof Error ? failed.error.message : String(failed.error);
        this.options.logger.warn(
          { err: failed.error, eventId: event.id, attempt: failed.attempt },
          'event handler failed',
        );
        if (failed.attempt >= this.maxAttempts) return this.giveUp(message, event.id, error, failed.attempt);
        await this.attempts.failed(event.id, error);
        if (!this.stopping) await new Promise((r) => setTimeout(r, this.retryDelayMs * failed!.attempt));
        if (this.stopping)
          throw new ConsumerStopping(
            `consumer ${this.options.name} is stopping: ${event.id} left for the next instance`,
          );
        failed = undefined;
      }
      // Counted and committed before the handler runs: an attempt that takes the process down still counts. (A batch
      // may have counted this event's first attempt already without running it.)
      const start: AttemptStart = this.counted.delete(event.id)
        ? { started: true, attempt: 1 }
        : await this.attempts.begin(event.id, message);
      if (!start.started) {
        // Earlier instances started every attempt and the last one never came back: it died with its process.
        const last = start.lastError ? `; last error: ${start.lastError}` : '';
        const reason = `attempt ${start.attempts} of ${this.maxAttempts} never finished (the consumer stopped or crashed during it)${last}`;
        return this.giveUp(message, event.id, reason, start.attempts);
      }
      try {
        const [outcome] = await this.applyTogether([{ message, event, handler }]);
        return outcome!;
      } catch (e) {
        failed = { attempt: start.attempt, error: e };
      }
    }
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

/** Which handler is running, for telling a failure's cause: a single-event handler (its index) or a batch handler. */
interface Running {
  running?: number;
  batch?: boolean;
}

/** Runs `fn` under the events' correlation id when they share one (else each event carries its own, for the handler). */
function inCorrelationOf<T>(events: CloudEvent[], fn: () => T): T {
  const ids = new Set(events.map((e) => e.correlationid ?? e.id));
  return ids.size === 1 ? withCorrelation([...ids][0], fn) : fn();
}

/**
 * Begins applying events, in one statement at the start of their transaction (one round trip instead of three):
 *
 * 1. Locks the keys (persons) of the events, all at once and in one order (sorted by their hash), before anything
 *    else. Handlers lock per person (benefits' `lockPerson`, notification's recipient lock, rows FOR UPDATE) in the
 *    order of the events; two batches side by side with the same persons in different orders — one person's events on
 *    two topics — each held one and waited for the other, a deadlock PostgreSQL only breaks after `deadlock_timeout`
 *    (1 s). Holding every key first, in a global order, makes such batches wait their turn instead. The key is the
 *    event's person (every producer keys by subject, and the subject is the person); a handler that locked other
 *    persons than its event's would need them here too.
 * 2. Inserts the events' inbox rows: a redelivered event finds its row and is not applied again. Returns the ids of
 *    the events to apply.
 * 3. Deletes their attempt counts: an applied event has no attempts left to count (with the effect, in its
 *    transaction).
 *
 * The locks come first: the inbox insert and the delete read `locked` through a sub-select PostgreSQL runs once, before
 * either produces a row (an InitPlan), so two members applying the same event (a rebalance) queue at the locks, and no
 * row lock of the inbox or of consumer_attempt is taken before them. Inside `locked`, the volatile lock function of the
 * select list is evaluated after the sort. The statement's snapshot is older than the locks, which is harmless here:
 * the inbox insert decides on conflicts from the committed index, not the snapshot, and the events' attempt counts
 * were committed before this statement began (handler code, which needs a snapshot taken after the locks, runs in the
 * statements that follow).
 */
async function claimRun(
  manager: EntityManager,
  consumer: string,
  run: ReadonlyArray<{ message: IncomingMessage; event: CloudEvent }>,
): Promise<Set<string>> {
  const keys = [...new Set(run.map((r) => r.message.key ?? r.event.subject))];
  const inserted: Array<{ event_id: string }> = await manager.query(
    `WITH locked AS MATERIALIZED (
       SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended('consumer-key:' || u, 0) AS k
                                               FROM unnest($5::text[]) AS u) s ORDER BY k
     ),
     cleared AS (
       DELETE FROM consumer_attempt
        WHERE consumer = $1 AND event_id = ANY($2::uuid[]) AND (SELECT count(*) FROM locked) >= 0
     )
     INSERT INTO inbox (event_id, consumer, topic, event_type)
     SELECT u.event_id, $1, u.topic, u.event_type
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS u(event_id, topic, event_type)
      WHERE (SELECT count(*) FROM locked) >= 0
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, run.map((r) => r.event.id), run.map((r) => r.message.topic), run.map((r) => r.event.type), keys],
  );
  return new Set(inserted.map((r) => r.event_id));
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction lost a race; running it again is right. */
function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return code === '40P01' || code === '40001';
}
