import type { ServiceRuntime } from '@yibao/shared';
import { addWorkingDays } from '@yibao/shared';
import { alertFor, openStep, STEP_LABELS } from '../domain';
import { TransferEntity } from '../entities';

export interface ScanResult {
  on: string;
  examined: number;
  alerted: number;
}

/**
 * T10 / N4: the deadline scan. Every open transfer whose step Tianjin owes is due within the warning window (working
 * days) or overdue gets a `transfer-deadline-alert` for its handling district and the city centre — once per transfer,
 * step, level and day (`deadline_alert`'s key), however often the scan runs. Run by the service's scheduler on the
 * runtime's clock, by `scanTransferDeadlines` in the graph, or by a test with its own date.
 */
export class DeadlineScanner {
  constructor(
    private readonly runtime: ServiceRuntime,
    readonly windowWorkingDays: number,
  ) {}

  async scan(on: string = this.runtime.clock.today()): Promise<ScanResult> {
    const horizon = addWorkingDays(on, this.windowWorkingDays);
    const candidates = await this.runtime.dataSource
      .getRepository(TransferEntity)
      .createQueryBuilder('t')
      .where('t.due_on IS NOT NULL AND t.due_on <= :horizon', { horizon })
      .orderBy('t.due_on', 'ASC')
      .getMany();
    let alerted = 0;
    for (const candidate of candidates) {
      const sent = await this.runtime.command(async (m, emit) => {
        const t = await m
          .getRepository(TransferEntity)
          .findOne({ where: { id: candidate.id }, lock: { mode: 'pessimistic_read' } });
        if (!t || !t.acceptedOn) return false;
        const step = openStep({
          direction: t.direction,
          mode: t.mode,
          status: t.status,
          acceptedOn: t.acceptedOn,
          infoSheetReceivedOn: t.infoSheetReceivedOn,
        });
        const alert = alertFor(step, on, this.windowWorkingDays);
        if (!step || !alert) return false;
        const inserted: unknown[] = await m.query(
          `INSERT INTO deadline_alert (transfer_id, step, level, alert_date, due_on) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING transfer_id`,
          [t.id, step.step, alert.level, on, alert.dueOn],
        );
        if (inserted.length === 0) return false;
        await emit('transfer-deadline-alert', t.personId, {
          transferId: t.id,
          personId: t.personId,
          direction: t.direction,
          mode: t.mode,
          fromScheme: t.fromScheme,
          toScheme: t.toScheme,
          sourceRegion: t.sourceRegion,
          destinationRegion: t.destinationRegion,
          status: t.status,
          handlingDistrict: t.handlingDistrict,
          dueOn: alert.dueOn,
          level: alert.level,
          workingDaysLeft: alert.workingDaysLeft,
          step: STEP_LABELS[step.step],
        });
        return true;
      });
      if (sent) alerted += 1;
    }
    return { on, examined: candidates.length, alerted };
  }

  /** The running service's scheduler: a scan at start and every `intervalMs` (0 = never); returns its stop. */
  schedule(intervalMs: number): () => Promise<void> {
    if (intervalMs <= 0) return async () => undefined;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = this.scan().catch((err: unknown) => this.runtime.logger.error({ err }, 'deadline scan failed'));
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}
