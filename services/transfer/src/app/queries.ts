import {
  addWorkingDays,
  groupLoader,
  rowLoader,
  type DataLoader,
  type Identity,
  type ServiceRuntime,
} from '@yibao/shared';

import { In, type DataSource } from 'typeorm';
import { openStep, standing, type InfoSheet, type OpenStep } from '../domain';
import { TransferEntity, TransferStepEntity, type InfoSheetSeal } from '../entities';
import { assertMayOperate, assertMayRead, assertMayReadPerson, districtScope, mayRead } from './access';
import { TransferError } from './errors';
import { renderContactLetter, renderInfoSheet } from './pdf';
import type { SealVerification, Sealer } from './seal';

export interface StepView extends OpenStep {
  overdue: boolean;
  workingDaysLeft: number | null;
}

export interface DueTransfer {
  transfer: TransferEntity;
  step: StepView;
}

/** The information sheet as the graph shows it: the data with its seal, when it has one. */
export type InfoSheetView = InfoSheet & { seal: InfoSheetSeal | null };

export type DocumentKind = 'CONTACT_LETTER' | 'INFO_SHEET';

export interface PrintableDocument {
  filename: string;
  contentType: string;
  base64: string;
  bytes: number;
}

/**
 * The reads of one request, batched (a federated query for N persons costs one SQL query per field). The reader is
 * checked on every row: a person reads their own transfers, staff anyone's, an employer none (see access.ts).
 */
export interface TransferLoaders {
  transfer: DataLoader<string, TransferEntity | null>;
  transfersOf: DataLoader<string, TransferEntity[]>;
  stepsOf: DataLoader<string, TransferStepEntity[]>;
  recordOf: DataLoader<string, TransferStepEntity[]>;
}

export function createTransferLoaders(ds: DataSource, reader: Identity): TransferLoaders {
  const refusal = (personId: string): Error | null => {
    try {
      assertMayReadPerson(reader, personId);
      return null;
    } catch (e) {
      return e as Error;
    }
  };
  return {
    transfer: rowLoader(
      (ids) => ds.getRepository(TransferEntity).findBy({ id: In([...ids]) }),
      (t) => t.id,
      (t) =>
        mayRead(reader, t) ? null : TransferError.forbidden('无权查看该转移接续业务', 'you may not read this transfer'),
    ),
    // a person's transfers (the reader checked for the person first)
    transfersOf: groupLoader(
      async (personIds) =>
        (
          await ds
            .getRepository(TransferEntity)
            .find({ where: { personId: In([...personIds]) }, order: { createdAt: 'ASC' } })
        ).filter((t) => mayRead(reader, t)),
      (t) => t.personId,
      refusal,
    ),
    // a transfer's steps are read through the transfer, whose loader has checked the reader
    stepsOf: groupLoader(
      (ids) =>
        ds.getRepository(TransferStepEntity).find({ where: { transferId: In([...ids]) }, order: { seq: 'ASC' } }),
      (s) => s.transferId,
    ),
    // T12: the person's rights record across their transfers (those the reader may see)
    recordOf: groupLoader(
      async (personIds) => {
        const visible = new Set(
          (await ds.getRepository(TransferEntity).find({ where: { personId: In([...personIds]) } }))
            .filter((t) => mayRead(reader, t))
            .map((t) => t.id),
        );
        const steps = await ds
          .getRepository(TransferStepEntity)
          .find({ where: { personId: In([...personIds]) }, order: { seq: 'ASC' } });
        return steps.filter((s) => visible.has(s.transferId));
      },
      (s) => s.personId,
      refusal,
    ),
  };
}

export class TransferQueries {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly sealer: Sealer,
  ) {}

  private get ds(): DataSource {
    return this.runtime.dataSource;
  }

  async byId(id: string, reader: Identity): Promise<TransferEntity> {
    const t = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.ds.getRepository(TransferEntity).findOne({ where: { id } })
      : null;
    if (!t) throw TransferError.notFound(id);
    assertMayRead(reader, t);
    return t;
  }

  /** T10: the open step of a transfer, its due date and whether it is overdue on the clock's today. */
  stepOf(t: TransferEntity): StepView | null {
    const step = openStep({
      direction: t.direction,
      mode: t.mode,
      status: t.status,
      acceptedOn: t.acceptedOn ?? t.createdAt.toISOString().slice(0, 10),
      infoSheetReceivedOn: t.infoSheetReceivedOn,
    });
    if (!step) return null;
    if (!step.dueOn) return { ...step, overdue: false, workingDaysLeft: null };
    return { ...step, ...standing(step.dueOn, this.runtime.clock.today()) };
  }

  /**
   * T10: staff's list of the steps Tianjin owes — due within `withinWorkingDays` working days, or overdue — for one
   * district (a branch: its own) or city-wide (the city centre), earliest due first, overdue ones flagged.
   */
  async due(
    reader: Identity,
    district: string | null,
    withinWorkingDays: number,
    overdueOnly: boolean,
    first: number,
  ): Promise<DueTransfer[]> {
    const scope = districtScope(reader, district);
    const today = this.runtime.clock.today();
    const horizon = overdueOnly ? today : addWorkingDays(today, withinWorkingDays);
    const q = this.ds
      .getRepository(TransferEntity)
      .createQueryBuilder('t')
      .where('t.due_on IS NOT NULL')
      .andWhere(overdueOnly ? 't.due_on < :horizon' : 't.due_on <= :horizon', { horizon })
      .orderBy('t.due_on', 'ASC')
      .addOrderBy('t.created_at', 'ASC')
      .take(first);
    if (scope) q.andWhere('t.handling_district = :scope', { scope });
    const rows = await q.getMany();
    return rows.flatMap((t) => {
      const step = this.stepOf(t);
      return step ? [{ transfer: t, step }] : [];
    });
  }

  /** T9: verifies the seal of an online information sheet against the stored content. */
  async verifySeal(id: string, reader: Identity): Promise<SealVerification> {
    const t = await this.byId(id, reader);
    return this.sealer.verify(t.id, t.infoSheet, t.infoSheetSeal);
  }

  /** The contact letter or the information sheet as a PDF to print (base64 in the graph). */
  async document(
    id: string,
    kind: 'CONTACT_LETTER' | 'INFO_SHEET',
    reader: Identity,
  ): Promise<PrintableDocument | null> {
    const t = await this.byId(id, reader);
    // the printable documents carry the ID number in full: a district branch prints its own district's only
    if (reader.role === 'DISTRICT_STAFF') assertMayOperate(reader, t.handlingDistrict);
    const now = this.runtime.clock.now();
    let pdf: Buffer | null = null;
    if (kind === 'CONTACT_LETTER' && t.contactLetter) pdf = await renderContactLetter(t.contactLetter, now);
    if (kind === 'INFO_SHEET' && t.infoSheet) pdf = await renderInfoSheet(t.infoSheet, t.infoSheetSeal, now);
    if (!pdf) return null;
    const name = kind === 'CONTACT_LETTER' ? 'contact-letter' : 'info-sheet';
    return {
      filename: `${name}-${t.id}.pdf`,
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
      bytes: pdf.length,
    };
  }
}
