import { maskSensitive, type Clock, type Logger, type ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { NotificationSettings } from '../config';
import { afterFailure, isQuiet, sendableAt } from '../domain';
import { MessageEntity } from '../entities';
import type { SmsProvider, SmsResult } from '../sms';
import type { DeliveryService, SenderKick } from './delivery.service';

/** What notification-sent needs of a message just marked SENT. */
interface SentRow {
  id: string;
  person_id: string | null;
  channel: MessageEntity['channel'];
  rule: MessageEntity['rule'];
  caused_by_event_id: string;
}

interface Claimed {
  message_id: string;
  mobile: string;
  text: string;
  urgent: boolean;
  attempts: number;
}

/** How many SMS one round claims (and sends side by side). */
const BATCH = 10;

/**
 * The sender loop: works the `sms_delivery` queue outside any consumer transaction. A round claims the rows that are
 * due (`FOR UPDATE SKIP LOCKED`, so several instances never claim the same row), marks them SENDING with a lease and
 * one more attempt, commits, and only then calls the gateway. The round's outcomes are written together in a
 * transaction of their own once every try of the round has answered (at most the timeout, well inside the lease), with
 * `notification-sent` or `notification-failed` through the outbox: SENT; or QUEUED again after the backoff
 * (and after quiet hours); or, after the last try or a refusal no retry changes, FAILED (parked). A sender that dies
 * mid-send leaves its row SENDING until the lease ends; the next round takes it again, counting that attempt. The
 * message id is the gateway's idempotency key, so a send repeated after a lost answer is one SMS.
 */
export class SmsSender implements SenderKick {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private delivery: DeliveryService | null = null;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly provider: SmsProvider,
    private readonly settings: NotificationSettings,
  ) {
    this.clock = runtime.clock;
    this.logger = runtime.logger;
  }

  /** The delivery service publishes the outcome events (set once, the two know each other). */
  attach(delivery: DeliveryService): void {
    this.delivery = delivery;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Something was queued or retried, and committed: look at once (a round in progress goes round again). Called after
   * the commit of the transaction that wrote the rows (the consumer's after-commit hook, the staff retry's command),
   * so the first look finds them. The poll stays the safety net.
   */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    this.timer = null;
    if (this.running) return;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.runOnce()) > 0);
        } while (this.again && !this.stopped);
      } catch (e) {
        this.logger.error({ err: e }, 'SMS sender round failed; trying again at the next poll');
      }
    })();
    await this.running;
    this.running = null;
    this.schedule(this.settings.pollMs);
  }

  /** Sends every SMS due now until none is left; for tests and tools (the loop does the same on its own). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  /** One round: claims up to BATCH due SMS and sends them; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const quiet = isQuiet(now, this.settings.quietHours);
    const lease = new Date(now.getTime() + 2 * this.settings.sms.timeoutMs + 5_000);
    const [claimed]: [Claimed[], number] = await this.runtime.dataSource.query(
      `UPDATE sms_delivery d
          SET status = 'SENDING', attempts = d.attempts + 1, not_before = $2, updated_at = $1
        WHERE d.message_id IN (
                SELECT message_id FROM sms_delivery
                 WHERE status IN ('QUEUED', 'SENDING') AND not_before <= $1 AND (urgent OR NOT $3)
                 ORDER BY not_before
                 LIMIT $4
                   FOR UPDATE SKIP LOCKED)
        RETURNING d.message_id, d.mobile, d.text, d.urgent, d.attempts`,
      [now, lease, quiet, BATCH],
    );
    const results = await Promise.all(claimed.map((row) => this.send(row)));
    await this.record(claimed.map((row, i) => ({ row, result: results[i]! })));
    return claimed.length;
  }

  private async send(row: Claimed): Promise<SmsResult> {
    try {
      return await this.provider.send({ id: row.message_id, to: row.mobile, text: row.text });
    } catch (e) {
      return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * The outcomes of a round's tries, in one transaction (a year-end batch queues tens of thousands of SMS: one
   * transaction of five statements per SMS was most of the service's database work), each written only if its row is
   * still this try's (not taken over after its lease). The SMS accepted are marked SENT with their messages and
   * their notification-sent in one statement each. If the transaction fails, the round's rows stay SENDING until their
   * lease ends and are tried again: the same idempotency key, so still one SMS each.
   */
  private async record(outcomes: Array<{ row: Claimed; result: SmsResult }>): Promise<void> {
    const now = this.clock.now();
    const logs: Array<() => void> = [];
    await this.runtime.command(async (manager) => {
      const accepted = outcomes.flatMap(({ row, result }) => (result.ok ? [{ row, ref: result.providerRef }] : []));
      if (accepted.length > 0) {
        // the tries still this round's (not taken over after their lease) SENT, and their messages, in one statement
        const [updated]: [Array<SentRow>, number] = await manager.query(
          `WITH sent AS (
             UPDATE sms_delivery d
                SET status = 'SENT', provider = $1, provider_ref = u.ref, last_error = NULL, updated_at = $2
               FROM unnest($3::uuid[], $4::int[], $5::text[]) AS u(message_id, attempts, ref)
              WHERE d.message_id = u.message_id AND d.status = 'SENDING' AND d.attempts = u.attempts
             RETURNING d.message_id)
           UPDATE message m SET status = 'SENT', sent_at = $2, error = NULL FROM sent WHERE m.id = sent.message_id
           RETURNING m.id, m.person_id, m.channel, m.rule, m.caused_by_event_id`,
          [
            this.provider.name,
            now,
            accepted.map((a) => a.row.message_id),
            accepted.map((a) => a.row.attempts),
            accepted.map((a) => a.ref),
          ],
        );
        const byId = new Map(updated.map((r) => [r.id, r]));
        const mine = new Set(byId.keys());
        // their notification-sent, in the round's order
        const sent = accepted.flatMap(({ row }) => {
          const r = byId.get(row.message_id);
          return r
            ? [
                {
                  id: r.id,
                  personId: r.person_id,
                  channel: r.channel,
                  rule: r.rule,
                  causedByEventId: r.caused_by_event_id,
                },
              ]
            : [];
        });
        if (sent.length > 0) await this.delivery?.emitSent(manager, sent, now);
        for (const { row } of accepted)
          if (mine.has(row.message_id))
            logs.push(() =>
              this.logger.info(
                { messageId: row.message_id, attempts: row.attempts, provider: this.provider.name },
                'SMS sent',
              ),
            );
      }
      for (const { row, result } of outcomes) if (!result.ok) await this.recordFailure(manager, row, result, now, logs);
    });
    for (const log of logs) log();
  }

  /** A try not accepted: QUEUED again after the backoff, or parked (FAILED, notification-failed). */
  private async recordFailure(
    manager: EntityManager,
    row: Claimed,
    result: Extract<SmsResult, { ok: false }>,
    now: Date,
    logs: Array<() => void>,
  ): Promise<void> {
    const mine = `message_id = $1 AND status = 'SENDING' AND attempts = $2`;
    const error = maskSensitive(result.error).slice(0, 2000);
    const next = result.retryable ? afterFailure(row.attempts, this.settings.retry, now) : ({ kind: 'PARK' } as const);
    if (next.kind === 'RETRY') {
      const at = sendableAt(next.at, this.settings.quietHours, row.urgent);
      await manager.query(
        `UPDATE sms_delivery SET status = 'QUEUED', not_before = $3, last_error = $4, provider = $5, updated_at = $6
          WHERE ${mine}`,
        [row.message_id, row.attempts, at, error, this.provider.name, now],
      );
      logs.push(() =>
        this.logger.warn(
          { messageId: row.message_id, attempt: row.attempts, retryAt: at.toISOString(), error },
          'SMS not accepted; will try again',
        ),
      );
      return;
    }
    const updated: [unknown[], number] = await manager.query(
      `UPDATE sms_delivery SET status = 'FAILED', last_error = $3, provider = $4, updated_at = $5
        WHERE ${mine} RETURNING message_id`,
      [row.message_id, row.attempts, error, this.provider.name, now],
    );
    if (updated[0].length === 0) return;
    await manager.update(MessageEntity, { id: row.message_id }, { status: 'FAILED', error });
    const m = await manager.findOneByOrFail(MessageEntity, { id: row.message_id });
    await this.delivery?.emitFailed(manager, m, row.attempts, now);
    logs.push(() =>
      this.logger.error(
        { messageId: row.message_id, attempts: row.attempts, error },
        result.retryable ? 'SMS parked as FAILED after its last try' : 'SMS parked as FAILED: the gateway refused it',
      ),
    );
  }
}
