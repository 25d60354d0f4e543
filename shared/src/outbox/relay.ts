import type { DataSource } from 'typeorm';
import type { EventPublisher } from '../kafka';
import type { Logger } from '../logging';

export interface RelayOptions {
  batchSize?: number;
  pollMs?: number;
  /** Backoff of a row after a failed publish: min(base × 2^attempts, max). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Sent outbox rows older than this are deleted (default 7 days); unsent rows are never deleted. */
  outboxRetentionMs?: number;
  /**
   * Inbox rows older than this are deleted (default 30 days): the window in which a redelivery is recognised. Attempt
   * counts (consumer_attempt) untouched as long are deleted too: applied and dead-lettered events lose theirs at once,
   * so a row that old belongs to a message no consumer will see again (a renamed consumer, a topic past its retention).
   */
  inboxRetentionMs?: number;
  /** How often the retention runs (default hourly). */
  purgeEveryMs?: number;
  logger?: Logger;
}

interface ClaimedRow {
  id: string;
  topic: string;
  message_key: string;
  envelope: { type: string; id: string } & Record<string, unknown>;
  attempts: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Moves committed outbox rows to Kafka. Each cycle claims a batch with FOR UPDATE SKIP LOCKED (several relays can run
 * side by side), publishes it, and marks it sent in the same transaction. When Kafka is away the rows stay unsent with
 * a growing next_attempt_at, and the loop itself backs off.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  /** Who waits for the next kick (or stop): the loop, asleep or waiting for a cycle to finish. */
  private waiters: Array<() => void> = [];
  /** A kick that came while a cycle was running: the loop goes round again at once instead of sleeping pollMs. */
  private kicked = false;
  private consecutiveFailures = 0;
  private lastPurge = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly publisher: EventPublisher,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Publish soon: called after a command's transaction commits, so events leave without waiting for the poll. */
  kick(): void {
    this.kicked = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Stops polling after the current cycle, then tries once more to flush what is pending. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp();
    await this.loop;
    await this.publishPending().catch(() => 0);
  }

  /**
   * One claim–publish–mark cycle. Returns the number of events published; throws when the broker refused them.
   * `claimed`: told how many rows the claim took, as soon as it has them (before they are published).
   */
  async publishPending(claimed?: (rows: number) => void): Promise<number> {
    const outcome = await this.ds.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        // Per (topic, key) order: a row is eligible only when no earlier row of its topic and key is still unsent
        // (waiting in backoff, or claimed by another relay), so one person's events reach a partition in order.
        `SELECT o.id, o.topic, o.message_key, o.envelope, o.attempts FROM outbox o
          WHERE o.sent_at IS NULL AND o.next_attempt_at <= now()
            AND NOT EXISTS (
              SELECT 1 FROM outbox e
               WHERE e.topic = o.topic AND e.message_key = o.message_key AND e.sent_at IS NULL AND e.seq < o.seq)
          ORDER BY o.seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      claimed?.(rows.length);
      if (rows.length === 0) return { published: 0 };
      const ids = rows.map((r) => r.id);
      try {
        await this.publisher.publish(
          rows.map((r) => ({
            topic: r.topic,
            key: r.message_key,
            value: JSON.stringify(r.envelope),
            headers: { 'content-type': 'application/cloudevents+json', ce_id: r.envelope.id, ce_type: r.envelope.type },
          })),
        );
      } catch (e) {
        // Record the failed attempt and commit it (throwing here would roll the backoff back).
        const error = e instanceof Error ? e : new Error(String(e));
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => LEAST($3::float8 * power(2, attempts), $4::float8) / 1000)
            WHERE id = ANY($1::uuid[])`,
          [ids, error.message.slice(0, 2000), this.backoffBaseMs, this.backoffMaxMs],
        );
        return { published: 0, error };
      }
      await manager.query(
        'UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])',
        [ids],
      );
      return { published: rows.length };
    });
    if ('error' in outcome && outcome.error) throw outcome.error;
    return outcome.published;
  }

  /**
   * Retention: deletes sent outbox rows, old inbox rows and stale attempt counts, so no table grows without end. An
   * unsent event is never deleted, however old.
   */
  async purge(now: Date = new Date()): Promise<{ outbox: number; inbox: number; attempts: number }> {
    const outboxBefore = new Date(now.getTime() - (this.options.outboxRetentionMs ?? 7 * DAY));
    const inboxBefore = new Date(now.getTime() - (this.options.inboxRetentionMs ?? 30 * DAY));
    const [, outbox] = (await this.ds.query('DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1', [
      outboxBefore,
    ])) as [unknown, number];
    const [, inbox] = (await this.ds.query('DELETE FROM inbox WHERE received_at < $1', [inboxBefore])) as [
      unknown,
      number,
    ];
    const [, attempts] = (await this.ds.query('DELETE FROM consumer_attempt WHERE last_attempt_at < $1', [
      inboxBefore,
    ])) as [unknown, number];
    if (outbox + inbox + attempts > 0)
      this.options.logger?.info({ outbox, inbox, attempts }, 'outbox/inbox retention: old rows deleted');
    return { outbox, inbox, attempts };
  }

  /** Unsent rows: exported as the outbox backlog metric. */
  async backlog(): Promise<number> {
    const [row] = await this.ds.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    return (row as { n: number }).n;
  }

  /**
   * The loop: a cycle at each kick (a command committed) or poll. Two cycles may overlap: once a cycle has claimed its
   * rows, the next one may claim what was committed meanwhile while the first waits for Kafka's acknowledgement and
   * marks its rows sent, so a row committed during a cycle no longer waits for all of it. Never more than two: a cycle
   * that claimed rows waits for the one before it to finish before the next claim starts. Safe side by side: a cycle's claimed rows are locked (the other skips
   * them); a row is claimed only when no earlier row of its topic and key is unsent, so one key's rows are never in two
   * cycles at once; and kafkajs sends an idempotent producer's requests one at a time.
   */
  private async run(): Promise<void> {
    let inFlight: Promise<number> | null = null; // a cycle still publishing while the next one claims
    while (this.running) {
      this.kicked = false; // this cycle sees every row committed before it starts
      let claimedRows: (rows: number) => void = () => undefined;
      const claim = new Promise<number>((resolve) => (claimedRows = resolve));
      const cycle = this.cycle(claimedRows);
      const rows = await Promise.race([claim, cycle]);
      // The cycle before, if it still publishes, is waited for here (at most two cycles at once). If it published,
      // this claim may have passed over rows its rows held back (a later row of the same key): claim once more.
      let again = false;
      if (inFlight) {
        again = (await inFlight) > 0;
        inFlight = null;
      }
      if (rows > 0) {
        // more waiting, or committed since this cycle began: claim again while this one publishes
        if (rows < this.batchSize && !this.kicked && !again) await this.sleep(null, cycle);
        if (rows >= this.batchSize || this.kicked || again) {
          inFlight = cycle;
          continue;
        }
      }
      const published = await cycle;
      if (published >= this.batchSize) continue; // more waiting: go straight on
      // Committed during the cycle (its claim may have missed the row): go round again rather than sleep pollMs.
      if ((this.kicked || again) && this.consecutiveFailures === 0) continue;
      if (!this.running) break;
      await this.sleep(
        this.consecutiveFailures > 0
          ? Math.min(this.backoffBaseMs * 2 ** (this.consecutiveFailures - 1), this.backoffMaxMs)
          : this.pollMs,
      );
    }
    if (inFlight) await inFlight;
  }

  /** Waits for a kick (or stop), for `ms` at most (null: no limit), or until `until` settles. */
  private async sleep(ms: number | null, until?: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
      this.waiters.push(resolve);
      if (ms !== null) timer = setTimeout(resolve, ms);
    });
    await Promise.race(until ? [woken, until] : [woken]);
    clearTimeout(timer);
    this.waiters = this.waiters.filter((w) => w !== wake);
  }

  /** A cycle of the loop, with its outcome counted and the retention run when due; never throws (-1: it failed). */
  private async cycle(claimed: (rows: number) => void): Promise<number> {
    try {
      const published = await this.publishPending(claimed);
      if (Date.now() - this.lastPurge >= (this.options.purgeEveryMs ?? HOUR)) {
        this.lastPurge = Date.now();
        await this.purge();
      }
      this.consecutiveFailures = 0;
      return published;
    } catch (e) {
      this.consecutiveFailures += 1;
      this.options.logger?.warn(
        { err: e, failures: this.consecutiveFailures },
        'outbox relay: publish failed, backing off',
      );
      return -1;
    } finally {
      claimed(0); // no claim (the cycle failed before it): nothing to wait for
    }
  }
}
