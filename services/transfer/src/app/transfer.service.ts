import { type Emit, type EventData, type Identity, type ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import {
  agencyOf,
  decideStep,
  directionOf,
  initialStatus,
  isOpen,
  kindOf,
  openStep,
  precheck,
  refusalOf,
  stepReasons,
  validateApplication,
  validateInfoSheet,
  validateReceivedLetter,
  type Applicant,
  type Bilingual,
  type ContactLetter,
  type FieldProblem,
  type InfoSheet,
  type InsurancePeriod,
  type Mode,
  type OtherRegionAttestation,
  type PersonFacts,
  type Scheme,
  type StatusChange,
  type StepCommand,
  type TransferChannel,
  type TransferStatus,
} from '../domain';
import { TransferEntity, TransferStepEntity, type ReceivedContactLetter } from '../entities';
import { assertIntegrator, assertMayOperate, assertStaff } from './access';
import { TransferError, TransferErrorCode, isOneOpenViolation } from './errors';
import type { Projection } from './projection';
import type { Sealer } from './seal';

/** An application (T4): by the person or employer online or at the counter, or by the national platform. */
export interface ApplyCommand {
  personId: string;
  sourceRegion: string;
  destinationRegion: string;
  mode: Mode;
  fromScheme: Scheme;
  toScheme: Scheme;
  channel: TransferChannel;
  /** Named by staff at the counter and by the platform; derived from the caller for a person or an employer. */
  applicant: Applicant | null;
  veteran: boolean;
  otherRegion: OtherRegionAttestation | null;
  /** The national platform's id of the application: a redelivery returns the first outcome. */
  externalId?: string | null;
}

/** OUTBOUND, postal: the other region's agency's contact letter, as the clerk records it (T9). */
export interface ContactLetterReceivedCommand extends Omit<ApplyCommand, 'mode' | 'channel' | 'externalId'> {
  letter: ReceivedContactLetter;
}

/** The content of an information sheet as entered (postal) or delivered (platform); the service adds the rest. */
export interface InfoSheetInput {
  sheetNo: string | null;
  issuedOn: string | null;
  issuingAgencyName: string | null;
  periods: InsurancePeriod[];
  actualMonths: number;
  deemedMonths: number;
  cumulativeMonths: number | null;
  accountBalanceFen: number;
  note: string | null;
}

const ONLINE_CHANNELS: readonly TransferChannel[] = ['NATIONAL_PLATFORM', 'WEB_HALL', 'JIN_YIBAO_APP'];

/**
 * The transfer workflow: applications (T1–T5, T13) and every step after (T6, T7, T9), each in one transaction with
 * its rights-record rows (T12) and its events through the outbox (`transfer-status-changed` with the mode for T8,
 * `account-transferred`). A refusal, bad input or a step out of order leaves no row and no event.
 */
export class TransferService {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly projection: Projection,
    private readonly sealer: Sealer,
  ) {}

  private get today(): string {
    return this.runtime.clock.today();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Applications

  /** T1–T5, T13: an application is checked against the projection; refused with every reason, or accepted. */
  async apply(command: ApplyCommand, actor: Identity): Promise<TransferEntity> {
    const applicant = this.applicantOf(command, actor);
    this.assertInput(command);
    if (command.channel === 'POST') {
      throw TransferError.invalidField('channel', {
        zh: '邮寄的《联系函》请按“收到联系函”办理',
        en: 'a contact letter received by post is recorded with recordContactLetterReceived',
      });
    }
    return this.open({ ...command, applicant }, actor, null, this.today);
  }

  /** T9, postal: the other agency's contact letter opens an outbound transfer (staff record it). */
  async contactLetterReceived(command: ContactLetterReceivedCommand, actor: Identity): Promise<TransferEntity> {
    assertStaff(actor);
    const l = command.letter;
    const problems = validateReceivedLetter(l, this.today);
    const full: ApplyCommand = { ...command, mode: 'POSTAL', channel: 'POST', applicant: command.applicant };
    this.assertInput(full, problems);
    if (!command.applicant) {
      throw TransferError.invalidField('applicant', {
        zh: '请填写联系函上的申请人',
        en: 'name the applicant of the letter',
      });
    }
    return this.open(
      full,
      actor,
      { ...l, letterNo: l.letterNo.trim(), issuingAgency: l.issuingAgency.trim() },
      l.receivedOn,
    );
  }

  private async open(
    command: ApplyCommand & { applicant: Applicant | null },
    actor: Identity,
    letter: ReceivedContactLetter | null,
    acceptedOn: string,
  ): Promise<TransferEntity> {
    const direction = directionOf(command.sourceRegion, command.destinationRegion);
    if (!direction || !command.applicant) throw new Error('assertInput lets no such application through');
    const applicant = command.applicant;
    try {
      return await this.runtime.command(async (m, emit) => {
        if (command.externalId) {
          const seen = await m.getRepository(TransferEntity).findOne({ where: { externalId: command.externalId } });
          if (seen) return seen;
        }
        // one person's applications one after another: a transaction-scoped advisory lock on the person
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`transfer:${command.personId}`]);
        await this.assertNoneOpen(m, command.personId, direction);
        const person = await this.projection.personOf(m, command.personId);
        if (!person) {
          throw new TransferError(
            TransferErrorCode.PERSON_NOT_FOUND,
            { zh: '未找到该参保人的参保登记', en: 'no registration of this person is known' },
            { id: command.personId },
          );
        }
        const relations = await this.projection.relationsOf(m, command.personId);
        const application = { ...command, applicant, direction };
        const check = precheck(application, relations, this.today);
        if (check.problems.length > 0) throw TransferError.refused(refusalOf(check.problems));
        const district = check.handlingDistrict;
        if (!district)
          throw TransferError.invalidField('destinationRegion', {
            zh: '请填写本市的区',
            en: 'name the Tianjin district',
          });
        if (actor.role === 'DISTRICT_STAFF') assertMayOperate(actor, district);

        const status = initialStatus(direction, command.mode);
        const transfer = await m.save(
          m.create(TransferEntity, {
            personId: command.personId,
            direction,
            mode: command.mode,
            status,
            sourceRegion: command.sourceRegion,
            destinationRegion: command.destinationRegion,
            acceptedOn,
            fromScheme: command.fromScheme,
            toScheme: command.toScheme,
            kind: kindOf(command.fromScheme, command.toScheme),
            applicant,
            channel: command.channel,
            handlingDistrict: district,
            tianjinRelationId: check.tianjinRelation?.relationId ?? null,
            otherRegion: command.otherRegion,
            receivedContactLetter: letter,
            externalId: command.externalId ?? null,
            ...this.stepFields(direction, command.mode, status, acceptedOn, null),
          }),
        );
        const reason =
          status === 'CONTACT_LETTER_RECEIVED'
            ? stepReasons.CONTACT_LETTER_RECEIVED
            : direction === 'INBOUND'
              ? stepReasons.ACCEPTED_INBOUND
              : stepReasons.ACCEPTED_OUTBOUND;
        await this.record(
          m,
          emit,
          transfer,
          'APPLY',
          { from: null, to: status, rule: 'T5', reason, on: acceptedOn },
          actor,
          command.channel,
          {
            applicant,
            ...(letter ? { letter } : {}),
          },
        );
        return transfer;
      });
    } catch (e) {
      if (isOneOpenViolation(e)) throw this.alreadyOpen(null);
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Steps

  /** T6, postal: the contact letter is issued (stored as data, printable as PDF) and posted to the source. */
  issueContactLetter(transferId: string, actor: Identity): Promise<TransferEntity> {
    return this.step(transferId, { action: 'ISSUE_CONTACT_LETTER' }, actor, 'AGENCY_COUNTER', async (m, t) => {
      const person = await this.personOrFail(m, t.personId);
      const letter: ContactLetter = {
        letterNo: `津医保转联〔${this.today.slice(0, 4)}〕${t.id.slice(0, 8).toUpperCase()}`,
        issuedOn: this.today,
        fromAgency: agencyOf(t.handlingDistrict),
        toAgency: agencyOf(t.sourceRegion),
        person: { name: person.name, idType: person.idType, idNumber: person.idNumber },
        fromScheme: t.fromScheme,
        toScheme: t.toScheme,
        note: null,
      };
      t.contactLetter = letter;
      return { letterNo: letter.letterNo };
    });
  }

  /** T6, postal: the source's information sheet arrived by post; the clerk enters it. */
  infoSheetReceivedByPost(transferId: string, input: InfoSheetInput, actor: Identity): Promise<TransferEntity> {
    return this.receiveInfoSheet(transferId, input, actor, 'POST', 'POSTAL');
  }

  /** T7, online: the national platform delivers the source's information sheet (INTEGRATOR). */
  infoSheetFromPlatform(transferId: string, input: InfoSheetInput, actor: Identity): Promise<TransferEntity> {
    assertIntegrator(actor);
    return this.receiveInfoSheet(transferId, input, actor, 'NATIONAL_PLATFORM', 'ONLINE');
  }

  private async receiveInfoSheet(
    transferId: string,
    input: InfoSheetInput,
    actor: Identity,
    channel: TransferChannel,
    mode: Mode,
  ): Promise<TransferEntity> {
    const build = async (m: EntityManager, t: TransferEntity): Promise<InfoSheet> => {
      if (t.mode !== mode) {
        throw TransferError.invalidField('transferId', {
          zh:
            mode === 'ONLINE'
              ? '该转移接续为邮寄信函模式，《信息表》由经办人员录入'
              : '该转移接续为一网通办模式，《信息表》经医保信息平台传送',
          en:
            mode === 'ONLINE'
              ? 'a postal transfer’s sheet is entered by staff'
              : 'an online transfer’s sheet comes through the national platform',
        });
      }
      const person = await this.personOrFail(m, t.personId);
      return this.sheetOf(input, t, person, {
        issuing: { regionCode: t.sourceRegion, name: input.issuingAgencyName?.trim() || agencyOf(t.sourceRegion).name },
        receiving: agencyOf(t.handlingDistrict),
        mode,
      });
    };
    return this.step(transferId, null, actor, channel, async (m, t) => {
      // the platform redelivers: the same sheet again changes nothing
      if (channel === 'NATIONAL_PLATFORM' && t.infoSheet && t.infoSheet.sheetNo === input.sheetNo?.trim()) {
        return { unchanged: true };
      }
      const sheet = await build(m, t);
      t.infoSheetReceivedOn = this.today;
      return { command: { action: 'RECEIVE_INFO_SHEET', infoSheet: sheet }, details: { sheetNo: sheet.sheetNo } };
    });
  }

  /** T6, T7: the sheet checked, the transfer-in completed (and the transfer with it when no money is due). */
  completeTransferIn(transferId: string, actor: Identity): Promise<TransferEntity> {
    return this.step(transferId, { action: 'COMPLETE_TRANSFER_IN' }, actor, 'AGENCY_COUNTER');
  }

  /** T6, T7 (B8): the personal-account money received and checked against the sheet is credited, once. */
  creditAccount(transferId: string, amountFen: number, actor: Identity): Promise<TransferEntity> {
    this.assertAmount(amountFen);
    return this.step(transferId, { action: 'CREDIT_ACCOUNT', amountFen }, actor, 'AGENCY_COUNTER');
  }

  /** T9: the transfer-out is completed and the information sheet generated from the clerk's figures. */
  completeTransferOut(transferId: string, input: InfoSheetInput, actor: Identity): Promise<TransferEntity> {
    return this.step(transferId, null, actor, 'AGENCY_COUNTER', async (m, t) => {
      const person = await this.personOrFail(m, t.personId);
      const sheet = this.sheetOf(
        {
          ...input,
          sheetNo: input.sheetNo ?? `津医保信息〔${this.today.slice(0, 4)}〕${t.id.slice(0, 8).toUpperCase()}`,
          issuedOn: this.today,
        },
        t,
        person,
        { issuing: agencyOf(t.handlingDistrict), receiving: agencyOf(t.destinationRegion), mode: t.mode },
      );
      return { command: { action: 'COMPLETE_TRANSFER_OUT', infoSheet: sheet }, details: { sheetNo: sheet.sheetNo } };
    });
  }

  /** T9: postal — printed and posted (tracking number); online — sealed with the agency's key and uploaded. */
  sendInfoSheet(transferId: string, dispatchReference: string | null, actor: Identity): Promise<TransferEntity> {
    return this.step(transferId, { action: 'SEND_INFO_SHEET' }, actor, 'AGENCY_COUNTER', async (_m, t) => {
      t.dispatchReference = dispatchReference?.trim() || null;
      if (t.mode === 'ONLINE' && t.infoSheet) {
        t.infoSheetSeal = this.sealer.seal(t.id, t.infoSheet, this.runtime.clock.now());
        return { keyId: t.infoSheetSeal.keyId, contentSha256: t.infoSheetSeal.contentSha256 };
      }
      return { dispatchReference: t.dispatchReference };
    });
  }

  /** T9: the personal-account balance is sent to the destination (the sheet's amount). */
  sendBalance(transferId: string, amountFen: number, actor: Identity): Promise<TransferEntity> {
    this.assertAmount(amountFen);
    return this.step(transferId, { action: 'SEND_BALANCE', amountFen }, actor, 'AGENCY_COUNTER');
  }

  /** A transfer withdrawn before completion, with the reason (recorded, T12). */
  cancel(transferId: string, reason: Bilingual, actor: Identity): Promise<TransferEntity> {
    return this.step(transferId, { action: 'CANCEL', reason }, actor, 'AGENCY_COUNTER');
  }

  /**
   * One step: lock the transfer, check the caller, let the domain decide, persist the changes with their record rows
   * and events. `prepare` fills the step's data on the locked row (and may build the command from it).
   */
  private async step(
    transferId: string,
    fixed: StepCommand | null,
    actor: Identity,
    channel: TransferChannel,
    prepare?: (
      m: EntityManager,
      t: TransferEntity,
    ) => Promise<
      Record<string, unknown> | { command: StepCommand; details: Record<string, unknown> } | { unchanged: true }
    >,
  ): Promise<TransferEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(transferId)) throw TransferError.notFound(transferId);
    return this.runtime.command(async (m, emit) => {
      const t = await m
        .getRepository(TransferEntity)
        .findOne({ where: { id: transferId }, lock: { mode: 'pessimistic_write' } });
      if (!t) throw TransferError.notFound(transferId);
      // the national platform delivers for every district; staff operate their district's transfers
      if (!(channel === 'NATIONAL_PLATFORM' && actor.role === 'INTEGRATOR'))
        assertMayOperate(actor, t.handlingDistrict);
      const prepared = prepare ? await prepare(m, t) : {};
      if ('unchanged' in prepared && prepared.unchanged === true) return t;
      const command = 'command' in prepared ? (prepared.command as StepCommand) : fixed;
      const details = 'command' in prepared ? (prepared.details as Record<string, unknown>) : prepared;
      if (!command) throw new Error('a step needs a command');
      const decision = decideStep(
        { direction: t.direction, mode: t.mode, status: t.status, infoSheet: t.infoSheet },
        command,
        this.today,
      );
      if (!decision.ok) {
        if ('refusal' in decision) throw TransferError.refused(decision.refusal);
        throw new TransferError(
          TransferErrorCode.STEP_OUT_OF_ORDER,
          {
            zh: `当前状态（${t.status}）下不能办理该步骤（${command.action}），可办理：${decision.outOfOrder.allowed.join('、') || '无'}`,
            en: `${command.action} is out of order in status ${t.status}; allowed: ${decision.outOfOrder.allowed.join(', ') || 'none'}`,
          },
          { id: t.id, status: t.status, action: command.action, allowed: decision.outOfOrder.allowed },
        );
      }
      if (decision.infoSheet) t.infoSheet = decision.infoSheet;
      if (decision.account) t.accountMovedFen = decision.account.amountFen;
      const last = decision.changes[decision.changes.length - 1];
      if (!last) throw new Error('a step decision without a change');
      t.status = last.to;
      if (!isOpen(t.status)) t.completedOn = this.today;
      Object.assign(
        t,
        this.stepFields(t.direction, t.mode, t.status, t.acceptedOn ?? this.today, t.infoSheetReceivedOn),
      );
      const saved = await m.save(t);
      for (const change of decision.changes) {
        await this.record(m, emit, saved, command.action, change, actor, channel, details);
      }
      if (decision.account) {
        await emit('account-transferred', saved.personId, {
          ...this.facts(saved),
          amountFen: decision.account.amountFen,
          on: decision.account.on,
        });
      }
      return saved;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  /** The open step and its due date after a change (T10), stored so the staff queries read one index. */
  private stepFields(
    direction: TransferEntity['direction'],
    mode: Mode,
    status: TransferStatus,
    acceptedOn: string,
    infoSheetReceivedOn: string | null,
  ) {
    const step = openStep({ direction, mode, status, acceptedOn, infoSheetReceivedOn });
    return { openStep: step?.step ?? null, dueOn: step?.dueOn ?? null };
  }

  /** T12: one rights-record row and one `transfer-status-changed` (T8: with the mode) per change. */
  private async record(
    m: EntityManager,
    emit: Emit,
    t: TransferEntity,
    action: string,
    change: Omit<StatusChange, 'from'> & { from: TransferStatus | null },
    actor: Identity,
    channel: TransferChannel,
    details: Record<string, unknown>,
  ): Promise<void> {
    const dueOn = change.to === t.status ? t.dueOn : null;
    await m.save(
      m.create(TransferStepEntity, {
        transferId: t.id,
        personId: t.personId,
        action,
        fromStatus: change.from,
        toStatus: change.to,
        rule: change.rule,
        reasonZh: change.reason.zh,
        reasonEn: change.reason.en,
        onDate: change.on,
        at: this.runtime.clock.now(),
        actorSubject: actor.subject,
        actorRole: actor.role,
        channel,
        dueOn,
        details: Object.keys(details).length > 0 ? details : null,
      }),
    );
    const event: EventData<'transfer-status-changed'> = {
      ...this.facts(t),
      status: change.to,
      previousStatus: change.from,
      dueOn,
      actor: { subject: actor.subject, role: actor.role, channel },
      changedAt: this.runtime.clock.now().toISOString(),
    };
    await emit('transfer-status-changed', t.personId, event);
  }

  facts(t: TransferEntity) {
    return {
      transferId: t.id,
      personId: t.personId,
      direction: t.direction,
      mode: t.mode,
      fromScheme: t.fromScheme,
      toScheme: t.toScheme,
      sourceRegion: t.sourceRegion,
      destinationRegion: t.destinationRegion,
    };
  }

  private sheetOf(
    input: InfoSheetInput,
    t: TransferEntity,
    person: PersonFacts,
    where: { issuing: InfoSheet['issuingAgency']; receiving: InfoSheet['receivingAgency']; mode: Mode },
  ): InfoSheet {
    const sheet: InfoSheet = {
      sheetNo: input.sheetNo?.trim() ?? '',
      issuedOn: input.issuedOn ?? this.today,
      mode: where.mode,
      issuingAgency: where.issuing,
      receivingAgency: where.receiving,
      person: { name: person.name, idType: person.idType, idNumber: person.idNumber },
      scheme: t.fromScheme,
      periods: input.periods.map((p) => ({ ...p, unitName: p.unitName?.trim() || null })),
      actualMonths: input.actualMonths,
      deemedMonths: input.deemedMonths,
      cumulativeMonths: input.cumulativeMonths ?? input.actualMonths + input.deemedMonths,
      accountBalanceFen: input.accountBalanceFen,
      note: input.note?.trim() || null,
    };
    const problems = validateInfoSheet(sheet, this.today);
    if (problems.length > 0) throw TransferError.invalid(problems);
    return sheet;
  }

  private async personOrFail(m: EntityManager, personId: string): Promise<PersonFacts> {
    const person = await this.projection.personOf(m, personId);
    if (!person) {
      throw new TransferError(
        TransferErrorCode.PERSON_NOT_FOUND,
        { zh: '未找到该参保人', en: 'person not known' },
        { id: personId },
      );
    }
    return person;
  }

  private async assertNoneOpen(
    m: EntityManager,
    personId: string,
    direction: TransferEntity['direction'],
  ): Promise<void> {
    const open = await m
      .getRepository(TransferEntity)
      .createQueryBuilder('t')
      .where('t.person_id = :personId AND t.direction = :direction', { personId, direction })
      .andWhere("t.status NOT IN ('COMPLETED', 'CANCELLED')")
      .getOne();
    if (open) throw this.alreadyOpen(open.id);
  }

  private alreadyOpen(id: string | null): TransferError {
    return new TransferError(
      TransferErrorCode.TRANSFER_ALREADY_OPEN,
      {
        zh: '该参保人已有同一方向正在办理的转移接续，不能重复申请',
        en: 'the person already has an open transfer in this direction',
      },
      id ? { id } : {},
    );
  }

  private assertAmount(amountFen: number): void {
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
      throw TransferError.invalidField('amountFen', {
        zh: '金额应为不小于 0 的整数（分）',
        en: 'the amount is whole fen, 0 or more',
      });
    }
  }

  /** The application's input fits (domain `validateApplication`), with any problems found before; else BAD_USER_INPUT. */
  private assertInput(c: ApplyCommand, problems: FieldProblem[] = []): void {
    const all = [...problems, ...validateApplication(c)];
    if (all.length > 0) throw TransferError.invalid(all);
  }

  /** T4: who applies — the caller for a person or an employer; named by staff and by the platform. */
  private applicantOf(c: ApplyCommand, actor: Identity): Applicant {
    switch (actor.role) {
      case 'PERSON':
        if (actor.personId !== c.personId) {
          throw TransferError.forbidden(
            '只能申请办理本人的医保关系转移接续',
            'a person may only apply for their own transfer',
          );
        }
        if (!ONLINE_CHANNELS.includes(c.channel)) {
          throw TransferError.invalidField('channel', {
            zh: '个人线上申请的渠道为医保信息平台、网厅或津医保APP',
            en: 'a person applies online through the national platform, the web hall or the app',
          });
        }
        return { kind: 'PERSON', personId: actor.personId };
      case 'EMPLOYER':
        if (!actor.employerCode) throw TransferError.forbidden('缺少单位编码', 'no employer code');
        return { kind: 'EMPLOYER', unitCode: actor.employerCode };
      case 'INTEGRATOR':
        if (c.channel !== 'NATIONAL_PLATFORM') {
          throw TransferError.invalidField('channel', {
            zh: '医保信息平台的申请渠道为 NATIONAL_PLATFORM',
            en: 'the platform applies through NATIONAL_PLATFORM',
          });
        }
        break;
      case 'CITY_STAFF':
      case 'DISTRICT_STAFF':
      case 'SYSTEM':
        break;
      default:
        throw TransferError.forbidden('无权申请转移接续', 'you may not apply for a transfer');
    }
    if (!c.applicant) {
      throw TransferError.invalidField('applicant', {
        zh: '请填写申请人（参保人本人或参保单位）',
        en: 'name the applicant (the person or the employer)',
      });
    }
    return c.applicant;
  }
}
