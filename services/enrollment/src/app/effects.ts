import { parseResidentId, type Clock, type Identity, type OutboxEvent, type OutboxWriter } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { Effect, RelationStatus, RuleId, SuspendEffect, Warning } from '../domain';
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
              await this.changeStatus(m, effect.relationId, 'SUSPENDED', suspendChange(effect, ctx)),
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
    if (to === 'SUSPENDED') {
      const event = this.suspendedEvent(saved, from, change);
      await this.outbox.write(m, event.name, event.subject, event.data);
      return saved;
    }
    const common = this.statusPayload(saved, from, change);
    if (to === 'ACTIVE') {
      await this.outbox.write(m, 'relation-resumed', saved.personId, common);
    } else {
      await this.outbox.write(m, 'relation-terminated', saved.personId, common);
    }
    return saved;
  }

  /**
   * A batch's suspensions (E12–E14) of many persons in a few statements: one UPDATE of the relations, one INSERT of
   * their history rows, one INSERT of their relation-suspended events (each validated against its contract). The
   * rows, versions and payloads are those `apply` would write for each SUSPEND one by one. `relation` is the row as
   * loaded and locked in the caller's transaction: a relation changed since (its version moved) fails the whole
   * call, and so does anything the database refuses — the caller redoes the persons one by one to isolate it.
   * Suspensions with a consent (E16: marked used one by one) are not batch effects and are refused here.
   */
  async suspendMany(
    m: EntityManager,
    items: ReadonlyArray<{ relation: RelationEntity; effect: SuspendEffect }>,
    ctx: EffectContext,
  ): Promise<RelationEntity[]> {
    if (items.length === 0) return [];
    const changes = items.map(({ relation, effect }) => {
      if (effect.consentId) throw new Error(`suspendMany: ${effect.relationId} needs its consent marked used`);
      if (relation.id !== effect.relationId) throw new Error(`suspendMany: ${effect.relationId} is not the row given`);
      const suspended: RelationEntity = Object.assign(Object.create(RelationEntity.prototype) as RelationEntity, {
        ...relation,
        status: 'SUSPENDED',
        endDate: effect.effectiveDate,
        suspensionRule: effect.rule,
      });
      return { from: relation.status, relation: suspended, change: suspendChange(effect, ctx) };
    });
    try {
      // As TypeORM's save of one row: the changed columns, version + 1, updated_at; optimistic on the version read.
      const updated: Array<{ id: string; version: number; updated_at: Date }> = await m
        .query(
          `UPDATE insurance_relation r
              SET status = 'SUSPENDED', end_date = v.end_date, suspension_rule = v.rule,
                  version = r.version + 1, updated_at = CURRENT_TIMESTAMP
             FROM unnest($1::uuid[], $2::date[], $3::text[], $4::int[]) AS v(id, end_date, rule, version)
            WHERE r.id = v.id AND r.version = v.version
        RETURNING r.id, r.version, r.updated_at`,
          [
            changes.map((c) => c.relation.id),
            changes.map((c) => c.relation.endDate),
            changes.map((c) => c.relation.suspensionRule),
            changes.map((c) => c.relation.version),
          ],
        )
        .then(([rows]: [typeof updated]) => rows);
      if (updated.length !== changes.length) {
        throw new Error(`${changes.length - updated.length} relation(s) changed since they were loaded`);
      }
      const byId = new Map(updated.map((u) => [u.id, u]));
      for (const c of changes) {
        const row = byId.get(c.relation.id);
        if (row) Object.assign(c.relation, { version: row.version, updatedAt: row.updated_at });
      }
      const rows = changes.map((c) => historyRow(c.relation, c.from, c.change));
      const col = <K extends keyof HistoryRow>(k: K) => rows.map((r) => r[k]);
      await m.query(
        `INSERT INTO relation_history (relation_id, person_id, from_status, to_status, cause, reason_zh, reason_en,
                                       effective_date, covered_until, channel, consent_id, batch_job_id,
                                       actor_subject, actor_role)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::date[], $9::date[], $10::text[], $11::uuid[], $12::uuid[], $13::text[], $14::text[])`,
        [
          col('relationId'),
          col('personId'),
          col('fromStatus'),
          col('toStatus'),
          col('cause'),
          col('reasonZh'),
          col('reasonEn'),
          col('effectiveDate'),
          col('coveredUntil'),
          col('channel'),
          col('consentId'),
          col('batchJobId'),
          col('actorSubject'),
          col('actorRole'),
        ],
      );
      await this.outbox.appendMany(
        m,
        changes.map((c) => this.suspendedEvent(c.relation, c.from, c.change)),
      );
    } catch (e) {
      throw fromDatabase(e);
    }
    return changes.map((c) => c.relation);
  }

  /** relation-suspended, as every suspension writes it. */
  private suspendedEvent(
    saved: RelationEntity,
    from: RelationStatus,
    change: StatusChange,
  ): OutboxEvent<'relation-suspended'> {
    // E3's month end is the decision's (SuspendEffect.coveredUntil), never recomputed here.
    return {
      name: 'relation-suspended',
      subject: saved.personId,
      data: { ...this.statusPayload(saved, from, change), coveredUntil: change.coveredUntil },
    };
  }

  /** The payload every status change event carries. */
  private statusPayload(saved: RelationEntity, from: RelationStatus, change: StatusChange) {
    return {
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
  }

  private async history(m: EntityManager, r: RelationEntity, from: string | null, change: StatusChange): Promise<void> {
    await m.insert(RelationHistoryEntity, historyRow(r, from, change));
  }
}

type HistoryRow = Omit<RelationHistoryEntity, 'id' | 'changedAt'>;

/** The history row of one change (append-only; `changed_at` is the database's clock). */
function historyRow(r: RelationEntity, from: string | null, change: StatusChange): HistoryRow {
  return {
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
  };
}

/** A SUSPEND effect as a status change: the same for a decision's suspension and a batch's. */
function suspendChange(effect: SuspendEffect, ctx: EffectContext): StatusChange {
  return {
    cause: effect.rule,
    reason: effect.reason,
    effectiveDate: effect.effectiveDate,
    coveredUntil: effect.coveredUntil,
    channel: effect.channel ?? ctx.channel ?? null,
    consentId: effect.consentId ?? null,
    ctx,
  };
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
