import type { ServiceRuntime } from '@yibao/shared';
import { statusOn } from '../domain';
import { BenefitStatusEntity } from '../entities';
import { loadPerson, lockPerson } from './facts';

/**
 * The change no event brings: a waiting period ends on its `coveredFrom`. Once a day (and at start) the persons whose
 * last published status is WAITING are looked at again; those now covered get `benefit-status-changed`
 * (WAITING → COVERED, effective on the day the waiting period ended), one person per transaction, once.
 */
export class StatusSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Publishes the changes due on the clock's today; returns how many were published. */
  run(): Promise<number> {
    return (this.running ??= this.sweep().finally(() => (this.running = null)));
  }

  private async sweep(): Promise<number> {
    const today = this.runtime.clock.today();
    const waiting: Array<{ person_id: string }> = await this.runtime.dataSource.query(
      `SELECT person_id FROM benefit_status WHERE status = 'WAITING' AND effective_date <= $1::date ORDER BY person_id`,
      [today],
    );
    let published = 0;
    for (const { person_id: personId } of waiting) {
      const changed = await this.runtime.command(async (m, emit) => {
        await lockPerson(m, personId);
        const last = await m.findOne(BenefitStatusEntity, { where: { personId } });
        if (!last || last.status !== 'WAITING' || last.effectiveDate > today) return false;
        const record = await loadPerson(m, personId);
        const now = statusOn(record.relations, record.waiting, today);
        if (now.status === 'WAITING') return false;
        const ended = record.waiting
          .map((w) => w.coveredFrom)
          .filter((d) => d > last.effectiveDate && d <= today)
          .sort()[0];
        const effectiveDate = now.status === 'COVERED' && ended ? ended : today;
        const changedAt = this.runtime.clock.now();
        await m.update(
          BenefitStatusEntity,
          { personId },
          { status: now.status, effectiveDate, rule: String(now.rule), changedAt },
        );
        await emit('benefit-status-changed', personId, {
          personId,
          status: now.status,
          previousStatus: 'WAITING',
          effectiveDate,
          rule: String(now.rule),
          reason: now.reason,
          changedAt: changedAt.toISOString(),
        });
        return true;
      });
      if (changed) published++;
    }
    return published;
  }

  /** Runs now and then every `everyMs` (an hour by default: the day's changes leave within the hour). */
  start(everyMs = 3_600_000): void {
    const tick = () =>
      void this.run().catch((e: unknown) => this.runtime.logger.error({ err: e }, 'benefit status sweep failed'));
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
