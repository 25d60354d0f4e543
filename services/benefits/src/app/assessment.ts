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
import { loadPerson, paymentOf, repairYears, type PersonRecord } from './facts';
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
    const on = maxDate(pivot, this.runtime.clock.today());
    const after = await loadPerson(manager, personId);
    const was = statusOn(before.relations, before.waiting, on);
    const now = statusOn(after.relations, after.waiting, on);
    if (was.status === now.status) return null;
    const changedAt = this.runtime.clock.now();
    await manager.upsert(
      BenefitStatusEntity,
      { personId, status: now.status, effectiveDate: on, rule: String(now.rule), changedAt },
      ['personId'],
    );
    await this.runtime.outbox.write(manager, 'benefit-status-changed', personId, {
      personId,
      status: now.status,
      previousStatus: was.status,
      effectiveDate: on,
      rule: String(now.rule),
      reason: now.reason,
      changedAt: changedAt.toISOString(),
    });
    return now;
  }
}
