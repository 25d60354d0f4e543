import { randomUUID } from 'node:crypto';
import { maxDate, type ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import {
  benefitStartReferenceDate,
  coverageSpans,
  decideBenefitStart,
  statusOn,
  type BenefitStart,
  type RelationFacts,
  type StatusAnswer,
} from '../domain';
import { BenefitStartEntity, BenefitStatusEntity, RelationFactEntity } from '../entities';
import { loadPerson, paymentOf, repairYears, type PersonRecord, type StatusFacts } from './facts';
import type { PolicyParameters } from './parameters.service';

/**
 * Turns a person's facts into answers, inside the transaction of the event that changed them: when benefits start
 * for a relation (stored and published as waiting-period-assigned) and whether the status changed (published as
 * benefit-status-changed).
 */
export class Assessment {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly parameters: PolicyParameters,
  ) {}

  /** B1, B6, B7 for one relation, with the parameter versions in force on the day its waiting period would start. */
  async decide(
    record: PersonRecord,
    relation: RelationFacts,
    inCentralisedPeriod: boolean,
    manager?: EntityManager,
  ): Promise<BenefitStart> {
    const history = coverageSpans(
      record.relations.filter((r) => r.relationId !== relation.relationId),
      record.infoSheets,
    );
    const paidOn = paymentOf(record, relation);
    const input = {
      relation,
      history,
      paidOn,
      birthDate: record.birthDate,
      inCentralisedPeriod,
      repairYearsPaid: repairYears(record),
    };
    const params = await this.parameters.on(benefitStartReferenceDate(input), manager);
    return decideBenefitStart(input, params);
  }

  /**
   * Assesses a relation again and stores and publishes the answer when it differs from the latest one (a first
   * answer, a payment recorded, a year paid back). Earlier answers stay as they were given (append-only).
   */
  async assess(manager: EntityManager, record: PersonRecord, relationId: string): Promise<BenefitStartEntity | null> {
    const relation = record.relations.find((r) => r.relationId === relationId);
    if (!relation) return null;
    const row = await manager.findOne(RelationFactEntity, { where: { relationId } });
    const answer = await this.decide(record, relation, row?.inCentralisedPeriod ?? false, manager);
    const latest = record.starts.find((s) => s.relationId === relationId);
    if (
      latest &&
      latest.coveredFrom === answer.coveredFrom &&
      latest.paidOn === answer.paidOn &&
      latest.waitingMonths === answer.waitingMonths &&
      latest.rule === answer.rule
    )
      return null;
    const today = this.runtime.clock.today();
    const entity = manager.create(BenefitStartEntity, {
      id: randomUUID(),
      personId: record.personId,
      relationId,
      assignedOn: today,
      rule: answer.rule,
      scheme: answer.scheme,
      paidOn: answer.paidOn,
      waitingStartsOn: answer.waitingStartsOn,
      coveredFrom: answer.coveredFrom,
      lapsed: answer.lapsed,
      gapMonths: answer.continuity.gapMonths,
      continuousMonths: answer.continuity.continuousMonths,
      lapseYears: answer.continuity.lapseYears,
      fixedMonths: answer.fixedMonths,
      variableMonths: answer.variableMonths,
      repairedMonths: answer.repairedMonths,
      floorApplied: answer.floorApplied,
      waitingMonths: answer.waitingMonths,
      exemption: answer.exemption,
      steps: answer.steps,
      parameters: answer.parameters,
      createdAt: this.runtime.clock.now(),
    });
    await manager.insert(BenefitStartEntity, entity);
    await this.runtime.outbox.write(manager, 'waiting-period-assigned', record.personId, {
      personId: record.personId,
      relationId,
      scheme: answer.scheme,
      assignedOn: today,
      lapsed: answer.lapsed,
      lapseMonths: answer.continuity.gapMonths,
      fixedMonths: answer.fixedMonths,
      variableMonths: answer.variableMonths,
      repairedMonths: answer.repairedMonths,
      waitingMonths: answer.waitingMonths,
      exemption: answer.exemption,
      coveredFrom: answer.coveredFrom,
      explanation: answer.steps.map((s) => ({ zh: s.zh, en: s.en })),
      parameters: answer.parameters.map((p) => ({ name: p.name, effectiveFrom: p.effectiveFrom })),
    });
    return entity;
  }

  /**
   * Publishes benefit-status-changed when the person's status on `pivot` (the first day the event's change takes
   * effect, never before today) differs before and after the event.
   */
  async statusChange(
    manager: EntityManager,
    before: PersonRecord,
    personId: string,
    pivot: string,
  ): Promise<StatusAnswer | null> {
    const after = await loadPerson(manager, personId);
    const [answer] = await this.statusChanges(manager, [{ before, after, pivot }]);
    return answer ?? null;
  }

  /**
   * `statusChange` for several persons at once, each one's status facts read before and after its event (at most one
   * event per person): the changed statuses in one upsert and their events in one outbox insert, so a run of events costs the
   * statements of one. `correlationId`: the event's, when the caller handles several (one event's
   * handler already runs under its own). Returns the changed statuses, in the order given.
   */
  async statusChanges(
    manager: EntityManager,
    changes: ReadonlyArray<{ before: StatusFacts; after: StatusFacts; pivot: string; correlationId?: string }>,
  ): Promise<StatusAnswer[]> {
    const today = this.runtime.clock.today();
    const changed = [];
    for (const c of changes) {
      const on = maxDate(c.pivot, today);
      const was = statusOn(c.before.relations, c.before.waiting, on);
      const now = statusOn(c.after.relations, c.after.waiting, on);
      if (was.status === now.status) continue;
      changed.push({ ...c, personId: c.after.personId, on, was, now, changedAt: this.runtime.clock.now() });
    }
    if (changed.length === 0) return [];
    await manager.upsert(
      BenefitStatusEntity,
      changed.map((c) => ({
        personId: c.personId,
        status: c.now.status,
        effectiveDate: c.on,
        rule: String(c.now.rule),
        changedAt: c.changedAt,
      })),
      ['personId'],
    );
    await this.runtime.outbox.appendMany(
      manager,
      changed.map((c) => ({
        name: 'benefit-status-changed' as const,
        subject: c.personId,
        correlationId: c.correlationId,
        data: {
          personId: c.personId,
          status: c.now.status,
          previousStatus: c.was.status,
          effectiveDate: c.on,
          rule: String(c.now.rule),
          reason: c.now.reason,
          changedAt: c.changedAt.toISOString(),
        },
      })),
    );
    return changed.map((c) => c.now);
  }
}
