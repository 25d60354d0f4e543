import type { Identity, ServiceRuntime } from '@yibao/shared';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  decideNewbornIdRecorded,
  decideRegistration,
  decideRegistrationNotice,
  decideResumption,
  decideSuspension,
  isTianjin,
  validateRegistration,
  validateRegistrationNotice,
  type Applicant,
  type EmployeeCategory,
  type RegistrationNoticeInput,
  type ResidentCategory,
  type Scheme,
  type SchoolLevel,
  type SuspensionChannel,
  type Warning,
} from '../domain';
import {
  EmployerEntity,
  PersonEntity,
  RegistrationNoticeEntity,
  RelationEntity,
  SuspensionApplicationEntity,
} from '../entities';
import { assertMayOperateRegion, assertMayOperateRelation, assertStaff, assertStaffOrIntegrator } from './access';
import { EffectWriter } from './effects';
import { EnrollmentError, EnrollmentErrorCode } from './errors';
import { policyInForce } from './policy.service';
import { centralisedPeriodOn, loadPerson } from './snapshot';

export interface RegisterRelationCommand {
  personId: string;
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  residentCategory: ResidentCategory | null;
  schoolLevel: SchoolLevel | null;
  expectedGraduation: string | null;
  retired: boolean;
  regionCode: string;
  unitCode: string | null;
  unitName: string | null;
  /** Defaults to startDate's year; a RESIDENT registration for next year starts on 1 January (validateRegistration). */
  periodYear: number | null;
  startDate: string;
  endDate: string | null;
  backPayment: boolean;
  channel: string | null;
}

export interface RegistrationResult {
  relation: RelationEntity;
  suspended: RelationEntity[];
  warnings: Warning[];
}

export interface SuspendCommand {
  relationId: string;
  channel: SuspensionChannel;
  /** Given by staff at a counter; derived from the caller for a person or an employer. */
  applicant: Applicant | null;
}

export interface NoticeCommand {
  externalId: string;
  idNumber: string;
  notice: RegistrationNoticeInput;
}

export interface NoticeResult {
  notice: RegistrationNoticeEntity;
  suspended: RelationEntity[];
  duplicate: boolean;
}

export class RelationService {
  private readonly ds: DataSource;
  readonly effects: EffectWriter;

  constructor(private readonly runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
    this.effects = new EffectWriter(runtime.outbox, runtime.clock);
  }

  /** E1–E11, E13, E17: registers a relation; the relations it replaces are suspended in the same transaction. */
  async register(input: RegisterRelationCommand, actor: Identity): Promise<RegistrationResult> {
    const today = this.runtime.clock.today();
    const checked = validateRegistration(input, today);
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    let command = checked.value;
    this.assertMayRegister(command, actor);
    const result = await this.runtime.command(async (m) => {
      const { snapshot } = await loadPerson(m, command.personId);
      if (command.employeeCategory === 'EMPLOYER_STAFF' && command.regionCode.startsWith('12')) {
        const employer = await m
          .getRepository(EmployerEntity)
          .findOne({ where: { creditCode: command.unitCode ?? '' } });
        if (!employer) {
          throw EnrollmentError.invalid('unitCode', {
            zh: '参保单位未登记，请先登记单位',
            en: 'unknown employer: register the employer first',
          });
        }
        command = { ...command, unitName: command.unitName ?? employer.name };
      }
      const period = await centralisedPeriodOn(m, today);
      const policy = await policyInForce(m, today);
      const decision = decideRegistration(
        snapshot,
        {
          relationId: randomUUID(),
          scheme: command.scheme,
          employeeCategory: command.employeeCategory,
          residentCategory: command.residentCategory,
          schoolLevel: command.schoolLevel,
          expectedGraduation: command.expectedGraduation,
          retired: command.retired,
          regionCode: command.regionCode,
          unitCode: command.unitCode,
          unitName: command.unitName,
          periodYear: command.periodYear,
          startDate: command.startDate,
          endDate: command.endDate,
          backPayment: command.backPayment,
        },
        today,
        period,
        policy,
      );
      if (!decision.ok) throw EnrollmentError.refused(decision.refusal);
      const applied = await this.effects.apply(m, decision.effects, {
        actor,
        channel: command.channel,
        backPayment: command.backPayment,
        warnings: decision.warnings,
      });
      const relation = applied.registered[0];
      if (!relation) throw new Error('registration decision without a REGISTER effect');
      return { relation, suspended: applied.suspended, warnings: decision.warnings };
    });
    return result;
  }

  /**
   * E15, E7: an application to suspend a relation, through any channel. The application is recorded either way —
   * accepted or refused with the rule — as part of the person's rights record.
   */
  async suspend(
    command: SuspendCommand,
    actor: Identity,
  ): Promise<{ relation: RelationEntity; application: SuspensionApplicationEntity }> {
    const applicant = this.applicantOf(command, actor);
    const today = this.runtime.clock.today();
    const outcome = await this.runtime.command(async (m) => {
      const target = await m.getRepository(RelationEntity).findOne({ where: { id: command.relationId } });
      if (!target) throw EnrollmentError.notFound(EnrollmentErrorCode.RELATION_NOT_FOUND, command.relationId);
      if (actor.role === 'DISTRICT_STAFF') assertMayOperateRegion(actor, target.regionCode);
      // Who may apply is access, not a rule: a stranger's application writes nothing into the owner's rights record.
      if (actor.role === 'PERSON' && target.personId !== actor.personId) {
        throw new EnrollmentError(EnrollmentErrorCode.FORBIDDEN, {
          zh: '只能申请暂停本人的参保关系',
          en: 'you may suspend only your own relation',
        });
      }
      const { snapshot } = await loadPerson(m, target.personId);
      const decision = decideSuspension(
        snapshot,
        { relationId: command.relationId, applicant, channel: command.channel },
        today,
      );
      const application = m.create(SuspensionApplicationEntity, {
        personId: target.personId,
        relationId: target.id,
        applicantKind: applicant.kind,
        applicantRef: applicant.kind === 'PERSON' ? applicant.personId : applicant.unitCode,
        channel: command.channel,
        outcome: decision.ok ? 'ACCEPTED' : 'REFUSED',
        refusalRule: decision.ok ? null : decision.refusal.rule,
        refusalReasonZh: decision.ok ? null : decision.refusal.reason.zh,
        refusalReasonEn: decision.ok ? null : decision.refusal.reason.en,
        actorSubject: actor.subject,
      });
      await m.save(application);
      if (!decision.ok) return { ok: false as const, refusal: decision.refusal };
      const applied = await this.effects.apply(m, decision.effects, { actor, channel: command.channel });
      return { ok: true as const, relation: applied.suspended[0] ?? target, application };
    });
    if (!outcome.ok) throw EnrollmentError.refused(outcome.refusal);
    return { relation: outcome.relation, application: outcome.application };
  }

  /**
   * Staff correction: a suspended relation becomes active again, under the E rules (decideResumption): not what E14
   * suspended while the child has no ID, not a resident relation of a retiree (E4), never insuring twice (E17).
   */
  async resume(relationId: string, reason: { zh: string; en: string }, actor: Identity): Promise<RelationEntity> {
    assertStaff(actor);
    const today = this.runtime.clock.today();
    const relation = await this.runtime.command(async (m) => {
      const target = await this.find(m, relationId);
      assertMayOperateRegion(actor, target.regionCode);
      if (target.status !== 'SUSPENDED') {
        throw EnrollmentError.state(
          { zh: '只有暂停的参保关系可以恢复', en: 'only a suspended relation can be resumed' },
          { relationId, status: target.status },
        );
      }
      const { snapshot } = await loadPerson(m, target.personId);
      const decision = decideResumption(snapshot, relationId, today);
      if (!decision.ok) throw EnrollmentError.refused(decision.refusal);
      return this.effects.changeStatus(m, relationId, 'ACTIVE', {
        cause: 'RESUMPTION',
        reason,
        effectiveDate: today,
        coveredUntil: null,
        channel: 'AGENCY_COUNTER',
        consentId: null,
        ctx: { actor },
      });
    });
    return relation;
  }

  /**
   * 终止参保: ends a relation for good (a transfer-out, a death, a correction), by staff; or, E8, the national
   * platform reporting that a relation in another region ended there (channel NATIONAL_PLATFORM).
   */
  async terminate(relationId: string, reason: { zh: string; en: string }, actor: Identity): Promise<RelationEntity> {
    if (actor.role === 'INTEGRATOR') assertStaffOrIntegrator(actor);
    else assertStaff(actor);
    const today = this.runtime.clock.today();
    const relation = await this.runtime.command(async (m) => {
      const target = await this.find(m, relationId);
      assertMayOperateRelation(actor, target.regionCode, isTianjin(target.regionCode));
      if (target.status === 'TERMINATED') {
        throw EnrollmentError.state(
          { zh: '该参保关系已终止', en: 'the relation is already terminated' },
          { relationId, status: target.status },
        );
      }
      await loadPerson(m, target.personId); // lock the person like every other command
      return this.effects.changeStatus(m, relationId, 'TERMINATED', {
        cause: 'TERMINATION',
        reason,
        effectiveDate: today,
        coveredUntil: null,
        channel: actor.role === 'INTEGRATOR' ? 'NATIONAL_PLATFORM' : 'AGENCY_COUNTER',
        consentId: null,
        ctx: { actor },
      });
    });
    return relation;
  }

  /**
   * E5, E8: the national platform's notice of a registration elsewhere. With a matching signed consent the Tianjin
   * relation is suspended automatically (先参后停); without one it is not, and the outcome says why. A redelivered
   * notice (same external id) changes nothing.
   */
  async recordNotice(input: NoticeCommand, actor: Identity): Promise<NoticeResult> {
    assertStaffOrIntegrator(actor);
    const today = this.runtime.clock.today();
    const checked = validateRegistrationNotice(input.notice, today, 'notice.');
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    const command = { ...input, notice: checked.value };
    const result = await this.runtime.command(async (m) => {
      const existing = await m
        .getRepository(RegistrationNoticeEntity)
        .findOne({ where: { externalId: command.externalId } });
      if (existing) return { notice: existing, suspended: [], duplicate: true };
      const person = await m.getRepository(PersonEntity).findOne({ where: { idNumber: command.idNumber } });
      if (!person) {
        throw EnrollmentError.invalid('idNumber', {
          zh: '本市无此参保人',
          en: 'no insured person with this ID number in Tianjin',
        });
      }
      const { snapshot } = await loadPerson(m, person.id);
      const outcome = decideRegistrationNotice(snapshot, command.notice, today);
      const applied = outcome.suspended
        ? await this.effects.apply(m, outcome.effects, { actor, channel: 'NATIONAL_PLATFORM' })
        : { suspended: [] as RelationEntity[] };
      const notice = await m.save(
        m.create(RegistrationNoticeEntity, {
          externalId: command.externalId,
          personId: person.id,
          notice: command.notice as unknown as Record<string, unknown>,
          suspended: outcome.suspended,
          why: outcome.suspended ? null : outcome.why,
          rule: outcome.suspended ? (outcome.effects[0]?.rule ?? null) : outcome.rule,
          insuredTwice: outcome.suspended ? false : outcome.insuredTwice,
          explanation: outcome.suspended ? null : { message: outcome.message, nextStep: outcome.nextStep },
        }),
      );
      return { notice, suspended: applied.suspended, duplicate: false };
    });
    return result;
  }

  /** E14: recording a newborn's ID number restores the relation the month-end batch suspended. */
  async recordNewbornId(
    personId: string,
    idNumber: string,
    actor: Identity,
  ): Promise<{ resumed: RelationEntity[]; warnings: Warning[] }> {
    assertStaff(actor);
    const today = this.runtime.clock.today();
    const resumed = await this.runtime.command(async (m) => {
      const other = await m.getRepository(PersonEntity).findOne({ where: { idNumber } });
      if (other && other.id !== personId) {
        throw EnrollmentError.invalid('idNumber', {
          zh: '该证件号码已属于另一参保人',
          en: 'this ID number belongs to another person',
        });
      }
      const { snapshot } = await loadPerson(m, personId);
      const decision = decideNewbornIdRecorded(snapshot, idNumber, today);
      if (!decision.ok) throw EnrollmentError.refused(decision.refusal);
      const applied = await this.effects.apply(m, decision.effects, { actor, channel: 'AGENCY_COUNTER' });
      return { resumed: applied.resumed, warnings: decision.warnings };
    });
    return resumed;
  }

  private async find(m: import('typeorm').EntityManager, relationId: string): Promise<RelationEntity> {
    const r = await m.getRepository(RelationEntity).findOne({ where: { id: relationId } });
    if (!r) throw EnrollmentError.notFound(EnrollmentErrorCode.RELATION_NOT_FOUND, relationId);
    return r;
  }

  private assertMayRegister(command: RegisterRelationCommand, actor: Identity): void {
    if (
      actor.role === 'EMPLOYER' &&
      command.employeeCategory === 'EMPLOYER_STAFF' &&
      command.unitCode === actor.employerCode
    )
      return;
    if (actor.role === 'PERSON' && actor.personId === command.personId) {
      if (command.employeeCategory === 'FLEXIBLE' || command.residentCategory === 'HOUSEHOLD') return;
    }
    if (actor.role === 'INTEGRATOR' && !command.regionCode.startsWith('12')) return; // registrations elsewhere (E8)
    assertStaff(actor);
    assertMayOperateRegion(actor, command.regionCode);
  }

  private applicantOf(command: SuspendCommand, actor: Identity): Applicant {
    if (actor.role === 'PERSON' && actor.personId) return { kind: 'PERSON', personId: actor.personId };
    if (actor.role === 'EMPLOYER' && actor.employerCode) return { kind: 'EMPLOYER', unitCode: actor.employerCode };
    if (actor.role === 'CITY_STAFF' || actor.role === 'DISTRICT_STAFF' || actor.role === 'INTEGRATOR') {
      if (command.applicant) return command.applicant;
      throw EnrollmentError.invalid('applicant', {
        zh: '请填写申请人（本人或单位）',
        en: 'name the applicant (the person or the employer)',
      });
    }
    throw new EnrollmentError(EnrollmentErrorCode.FORBIDDEN, {
      zh: '无权申请暂停',
      en: 'you may not apply for a suspension',
    });
  }
}
