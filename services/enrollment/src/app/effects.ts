import { parseResidentId, type Clock, type Identity, type OutboxWriter } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { Effect, RuleId, Warning } from '../domain';
import { refusals } from '../domain';
import { ConsentEntity, PersonEntity, RelationEntity, RelationHistoryEntity } from '../entities';
import { EnrollmentError, EnrollmentErrorCode, fromDatabase } from './errors';
import { relationPayload } from './mapping';

export interface EffectContext {
  actor: Identity;
  /** Channel of the application or registration, recorded on the history. */
  channel?: string | null;
  batchJobId?: string | null;
  /** REGISTER of a back-payment (补缴) period. */
  backPayment?: boolean;
  /** The decision's warnings, carried on relation-registered (E13). */
  warnings?: readonly Warning[];
}

export interface AppliedEffects {
  registered: RelationEntity[];
  suspended: RelationEntity[];
  resumed: RelationEntity[];
}

/**
 * Persists a decision's effects in the caller's transaction: relation rows, an append-only history row per change,
 * and one outbox event per change (relation-registered / -suspended / -resumed). A second ACTIVE relation refused by
 * the database's E17 constraint becomes a RULE_REFUSED E17.
 */
export class EffectWriter {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async apply(m: EntityManager, effects: readonly Effect[], ctx: EffectContext): Promise<AppliedEffects> {
    const applied: AppliedEffects = { registered: [], suspended: [], resumed: [] };
    // Suspensions first: the relation they make room for must not meet them in the E17 constraint.
    const ordered = [...effects].sort((a, b) => order(a) - order(b));
    for (const effect of ordered) {
      try {
        switch (effect.kind) {
          case 'SUSPEND':
            if (effect.consentId) await this.useConsent(m, effect.consentId, effect.relationId);
            applied.suspended.push(
              await this.changeStatus(m, effect.relationId, 'SUSPENDED', {
                cause: effect.rule,
                reason: effect.reason,
                effectiveDate: effect.effectiveDate,
                coveredUntil: effect.coveredUntil,
                channel: effect.channel ?? ctx.channel ?? null,
                consentId: effect.consentId ?? null,
                ctx,
              }),
            );
            break;
          case 'RESUME':
            applied.resumed.push(
              await this.changeStatus(m, effect.relationId, 'ACTIVE', {
                cause: effect.rule,
                reason: effect.reason,
                effectiveDate: effect.effectiveDate,
                coveredUntil: null,
                channel: ctx.channel ?? null,
                consentId: null,
                ctx,
              }),
            );
            break;
          case 'REGISTER':
            applied.registered.push(await this.register(m, effect.relation, ctx));
            break;
          case 'RECORD_RESIDENT_ID':
            await this.recordResidentId(m, effect.personId, effect.idNumber, ctx);
            break;
        }
      } catch (e) {
        throw fromDatabase(e); // E17's exclusion → RULE_REFUSED E17; any other constraint → a clear INVALID_STATE
      }
    }
    return applied;
  }

  /**
   * E16: a consent authorises one suspension only. It is marked used in the suspension's transaction; a consent
   * already used (a concurrent notice that slipped past the per-person lock) is refused with E16.
   */
  private async useConsent(m: EntityManager, consentId: string, relationId: string): Promise<void> {
    const result = await m
      .createQueryBuilder()
      .update(ConsentEntity)
      .set({ usedForRelationId: relationId, usedAt: this.clock.now() })
      .where('id = :consentId AND used_for_relation_id IS NULL', { consentId })
      .execute();
    if (result.affected !== 1) throw EnrollmentError.refused(refusals.E16_USED());
  }

  /** E14: the newborn's resident ID replaces the birth certificate; gender and birth date follow from it. */
  private async recordResidentId(
    m: EntityManager,
    personId: string,
    idNumber: string,
    ctx: EffectContext,
  ): Promise<void> {
    const person = await m.getRepository(PersonEntity).findOneOrFail({ where: { id: personId } });
    const parsed = parseResidentId(idNumber);
    const previous = { idType: person.idType, idNumber: person.idNumber };
    person.idType = 'RESIDENT_ID';
    person.idNumber = idNumber;
    if (parsed.ok) {
      person.gender = parsed.value.gender;
      person.birthDate = parsed.value.birthDate;
    }
    const saved = await m.save(person);
    await this.outbox.write(m, 'person-updated', personId, {
      personId,
      idType: saved.idType,
      idNumber: saved.idNumber,
      gender: saved.gender,
      birthDate: saved.birthDate,
      previous,
      cause: 'E14',
      actor: actorOf(ctx),
      updatedAt: this.clock.now().toISOString(),
    });
  }

  private async register(
    m: EntityManager,
    relation: Extract<Effect, { kind: 'REGISTER' }>['relation'],
    ctx: EffectContext,
  ) {
    const saved = await m.save(
      m.create(RelationEntity, {
        ...relation,
        expectedGraduation: relation.expectedGraduation ?? null,
        suspensionRule: null,
        backPayment: ctx.backPayment === true,
      }),
    );
    await this.history(m, saved, null, {
      cause: 'REGISTRATION',
      reason: { zh: '参保登记', en: 'registration' },
      effectiveDate: saved.startDate,
      coveredUntil: null,
      channel: ctx.channel ?? null,
      consentId: null,
      ctx,
    });
    await this.outbox.write(m, 'relation-registered', saved.personId, {
      relation: relationPayload(saved),
      actor: actorOf(ctx),
      registeredAt: this.clock.now().toISOString(),
      warnings: (ctx.warnings ?? []).map((w) => ({
        rule: w.rule,
        message: w.message,
        ...(w.lapse ? { lapse: w.lapse } : {}),
      })),
    });
    return saved;
  }

  /** Changes a relation's status, with its history row and event. Used by decisions and by staff corrections. */
  async changeStatus(
    m: EntityManager,
    relationId: string,
    to: 'SUSPENDED' | 'ACTIVE' | 'TERMINATED',
    change: StatusChange,
  ): Promise<RelationEntity> {
    const relation = await m
      .getRepository(RelationEntity)
      .findOne({ where: { id: relationId }, lock: { mode: 'pessimistic_write' } });
    if (!relation) throw EnrollmentError.notFound(EnrollmentErrorCode.RELATION_NOT_FOUND, relationId);
    const from = relation.status;
    relation.status = to;
    relation.endDate = to === 'ACTIVE' ? null : change.effectiveDate;
    relation.suspensionRule = to === 'SUSPENDED' ? (change.cause as RuleId) : null;
    const saved = await m.save(relation);
    await this.history(m, saved, from, change);
    const common = {
      relation: relationPayload(saved),
      previousStatus: from,
      cause: change.cause,
      reason: change.reason,
      effectiveDate: change.effectiveDate,
      actor: actorOf(change.ctx),
      changedAt: this.clock.now().toISOString(),
      channel: change.channel,
      consentId: change.consentId,
      batchJobId: change.ctx.batchJobId ?? null,
    };
    if (to === 'SUSPENDED') {
      // E3's month end is the decision's (SuspendEffect.coveredUntil), never recomputed here.
      await this.outbox.write(m, 'relation-suspended', saved.personId, {
        ...common,
        coveredUntil: change.coveredUntil,
      });
    } else if (to === 'ACTIVE') {
      await this.outbox.write(m, 'relation-resumed', saved.personId, common);
    } else {
      await this.outbox.write(m, 'relation-terminated', saved.personId, common);
    }
    return saved;
  }

  private async history(m: EntityManager, r: RelationEntity, from: string | null, change: StatusChange): Promise<void> {
    await m.insert(RelationHistoryEntity, {
      relationId: r.id,
      personId: r.personId,
      fromStatus: from,
      toStatus: r.status,
      cause: change.cause,
      reasonZh: change.reason.zh,
      reasonEn: change.reason.en,
      effectiveDate: change.effectiveDate,
      coveredUntil: change.coveredUntil,
      channel: change.channel,
      consentId: change.consentId,
      batchJobId: change.ctx.batchJobId ?? null,
      actorSubject: change.ctx.actor.subject,
      actorRole: change.ctx.actor.role,
    });
  }
}

export interface StatusChange {
  cause: string;
  reason: { zh: string; en: string };
  effectiveDate: string;
  coveredUntil: string | null;
  channel: string | null;
  consentId: string | null;
  ctx: EffectContext;
}

function order(e: Effect): number {
  return e.kind === 'SUSPEND' ? 0 : e.kind === 'RECORD_RESIDENT_ID' ? 1 : e.kind === 'RESUME' ? 2 : 3;
}

function actorOf(ctx: EffectContext) {
  return { subject: ctx.actor.subject, role: ctx.actor.role, ...(ctx.channel ? { channel: ctx.channel } : {}) };
}
