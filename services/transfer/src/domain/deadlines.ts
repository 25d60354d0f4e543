import { addWorkingDaysDetailed, workingDaysBetween } from '@yibao/shared';
import type { Bilingual, Direction, IsoDate, Mode, RuleId, TransferStatus } from './types';

/**
 * T6, T7, T9, T10: every deadline counted in working days (工作日) from its trigger with the shared calendar; the day
 * of the trigger is day 0.
 */
export const WORKING_DAYS = {
  /** T6 (第八条（三）1): the contact letter is issued and posted within 15 working days of acceptance. */
  INBOUND_POSTAL_CONTACT_LETTER: 15,
  /** T6: on receiving the information sheet, the transfer-in is completed within 15 working days. */
  INBOUND_POSTAL_TRANSFER_IN: 15,
  /** T7 (第八条（三）2): online, within 5 working days of receiving the information sheet. */
  INBOUND_ONLINE_TRANSFER_IN: 5,
  /** T9 (第九条（二）1): within 15 working days of receiving the contact letter: transfer-out, sheet printed and posted. */
  OUTBOUND_POSTAL: 15,
  /** T9 (第九条（二）2): within 10 working days of approval: transfer-out, sheet sealed and uploaded. */
  OUTBOUND_ONLINE: 10,
} as const;

/** The step a transfer waits for; AGENCY steps are Tianjin's and have a due date, OTHER_REGION steps do not. */
export type StepId =
  | 'ISSUE_CONTACT_LETTER'
  | 'AWAIT_INFO_SHEET'
  | 'COMPLETE_TRANSFER_IN'
  | 'AWAIT_ACCOUNT_MONEY'
  | 'COMPLETE_TRANSFER_OUT'
  | 'SEND_INFO_SHEET'
  | 'SEND_BALANCE';

export const STEP_LABELS: Record<StepId, Bilingual> = {
  ISSUE_CONTACT_LETTER: { zh: '开具《联系函》并邮寄', en: 'issue and post the contact letter' },
  AWAIT_INFO_SHEET: { zh: '等待转出地《信息表》', en: "waiting for the source's information sheet" },
  COMPLETE_TRANSFER_IN: {
    zh: '核对《信息表》，完成医保关系转入',
    en: 'check the information sheet and complete the transfer-in',
  },
  AWAIT_ACCOUNT_MONEY: { zh: '等待转出地划转个人账户金额', en: "waiting for the source's personal-account money" },
  COMPLETE_TRANSFER_OUT: {
    zh: '完成医保关系转出，生成《信息表》',
    en: 'complete the transfer-out and generate the information sheet',
  },
  SEND_INFO_SHEET: { zh: '寄送或上传《信息表》', en: 'post or upload the information sheet' },
  SEND_BALANCE: { zh: '划转个人账户余额', en: 'send the personal-account balance' },
};

export interface DeadlineFacts {
  direction: Direction;
  mode: Mode;
  status: TransferStatus;
  /** INBOUND: the day the application was accepted; OUTBOUND: the day the contact letter arrived or the approval. */
  acceptedOn: IsoDate;
  /** INBOUND: the day the information sheet arrived. */
  infoSheetReceivedOn: IsoDate | null;
}

export interface OpenStep {
  step: StepId;
  label: Bilingual;
  owner: 'AGENCY' | 'OTHER_REGION';
  /** The rule that sets the deadline (T6, T7, T9); T8 for the waits on the other region. */
  rule: RuleId;
  /** The trigger the working days are counted from; null for a wait on the other region. */
  from: IsoDate | null;
  workingDays: number | null;
  dueOn: IsoDate | null;
  /** Years counted on plain weekdays because their holiday calendar is not published (see the shared calendar). */
  fallbackYears: number[];
}

function due(step: StepId, rule: RuleId, from: IsoDate, workingDays: number): OpenStep {
  const r = addWorkingDaysDetailed(from, workingDays);
  return {
    step,
    label: STEP_LABELS[step],
    owner: 'AGENCY',
    rule,
    from,
    workingDays,
    dueOn: r.date,
    fallbackYears: r.fallbackYears,
  };
}

function waiting(step: StepId): OpenStep {
  return {
    step,
    label: STEP_LABELS[step],
    owner: 'OTHER_REGION',
    rule: 'T8',
    from: null,
    workingDays: null,
    dueOn: null,
    fallbackYears: [],
  };
}

/** T10: the open step of a transfer and, when it is Tianjin's, its due date; null once completed or cancelled. */
export function openStep(t: DeadlineFacts): OpenStep | null {
  const { direction, mode, status } = t;
  if (status === 'COMPLETED' || status === 'CANCELLED') return null;
  if (direction === 'INBOUND') {
    switch (status) {
      case 'ACCEPTED':
        return mode === 'POSTAL'
          ? due('ISSUE_CONTACT_LETTER', 'T6', t.acceptedOn, WORKING_DAYS.INBOUND_POSTAL_CONTACT_LETTER)
          : waiting('AWAIT_INFO_SHEET');
      case 'CONTACT_LETTER_SENT':
        return waiting('AWAIT_INFO_SHEET');
      case 'INFO_SHEET_RECEIVED':
        return mode === 'POSTAL'
          ? due(
              'COMPLETE_TRANSFER_IN',
              'T6',
              t.infoSheetReceivedOn ?? t.acceptedOn,
              WORKING_DAYS.INBOUND_POSTAL_TRANSFER_IN,
            )
          : due(
              'COMPLETE_TRANSFER_IN',
              'T7',
              t.infoSheetReceivedOn ?? t.acceptedOn,
              WORKING_DAYS.INBOUND_ONLINE_TRANSFER_IN,
            );
      case 'TRANSFERRED_IN':
        return waiting('AWAIT_ACCOUNT_MONEY');
      default:
        return null;
    }
  }
  const days = mode === 'POSTAL' ? WORKING_DAYS.OUTBOUND_POSTAL : WORKING_DAYS.OUTBOUND_ONLINE;
  switch (status) {
    case 'CONTACT_LETTER_RECEIVED':
    case 'ACCEPTED':
      return due('COMPLETE_TRANSFER_OUT', 'T9', t.acceptedOn, days);
    case 'TRANSFERRED_OUT':
      return due('SEND_INFO_SHEET', 'T9', t.acceptedOn, days);
    case 'INFO_SHEET_SENT':
      return due('SEND_BALANCE', 'T9', t.acceptedOn, days);
    default:
      return null;
  }
}

export interface DeadlineStanding {
  overdue: boolean;
  /** Working days from `today` to the due date; negative once overdue. */
  workingDaysLeft: number;
}

/**
 * T10: how a due step stands on `today`: overdue once the due date has passed. An overdue step counts at least -1
 * working day left, also on the weekend or holiday right after its due date (the contract: negative when overdue).
 */
export function standing(dueOn: IsoDate, today: IsoDate): DeadlineStanding {
  const left = workingDaysBetween(today, dueOn);
  const overdue = today > dueOn;
  return { overdue, workingDaysLeft: overdue ? Math.min(left, -1) : left };
}

export type AlertLevel = 'DUE_SOON' | 'OVERDUE';

/**
 * T10 / N4: whether an open step calls for a `transfer-deadline-alert` on `today` — OVERDUE once its due date has
 * passed, DUE_SOON when it is due within `windowWorkingDays` working days (the due date itself included).
 */
export function alertFor(
  step: OpenStep | null,
  today: IsoDate,
  windowWorkingDays: number,
): { level: AlertLevel; workingDaysLeft: number; dueOn: IsoDate } | null {
  if (!step || step.owner !== 'AGENCY' || !step.dueOn) return null;
  const s = standing(step.dueOn, today);
  if (s.overdue) return { level: 'OVERDUE', workingDaysLeft: s.workingDaysLeft, dueOn: step.dueOn };
  if (s.workingDaysLeft <= windowWorkingDays)
    return { level: 'DUE_SOON', workingDaysLeft: s.workingDaysLeft, dueOn: step.dueOn };
  return null;
}
