import type { InfoSheet } from './documents';
import { stepReasons, stepRefusals } from './messages';
import {
  DomainInputError,
  type Bilingual,
  type Direction,
  type IsoDate,
  type Mode,
  type RuleId,
  type RuleRefusal,
  type TransferStatus,
} from './types';

/**
 * The state machine of the two flow charts (转入 / 转出申请流程图), per direction and mode. A step's action moves
 * the transfer from one status to the next; any other action is out of order and changes nothing.
 */
export type StepAction =
  | 'ISSUE_CONTACT_LETTER'
  | 'RECEIVE_INFO_SHEET'
  | 'COMPLETE_TRANSFER_IN'
  | 'CREDIT_ACCOUNT'
  | 'COMPLETE_TRANSFER_OUT'
  | 'SEND_INFO_SHEET'
  | 'SEND_BALANCE'
  | 'CANCEL';

export interface Transition {
  action: Exclude<StepAction, 'CANCEL'>;
  from: TransferStatus;
  to: TransferStatus;
  rule: RuleId;
}

type Flow = `${Direction}_${Mode}`;

export const FLOWS: Record<Flow, readonly Transition[]> = {
  // 转入, 邮寄信函模式 (T6): letter within 15 working days of acceptance, transfer-in within 15 of the sheet
  INBOUND_POSTAL: [
    { action: 'ISSUE_CONTACT_LETTER', from: 'ACCEPTED', to: 'CONTACT_LETTER_SENT', rule: 'T6' },
    { action: 'RECEIVE_INFO_SHEET', from: 'CONTACT_LETTER_SENT', to: 'INFO_SHEET_RECEIVED', rule: 'T6' },
    { action: 'COMPLETE_TRANSFER_IN', from: 'INFO_SHEET_RECEIVED', to: 'TRANSFERRED_IN', rule: 'T6' },
    { action: 'CREDIT_ACCOUNT', from: 'TRANSFERRED_IN', to: 'COMPLETED', rule: 'T6' },
  ],
  // 转入, 一网通办模式 (T7): the sheet arrives through the national platform, transfer-in within 5 working days
  INBOUND_ONLINE: [
    { action: 'RECEIVE_INFO_SHEET', from: 'ACCEPTED', to: 'INFO_SHEET_RECEIVED', rule: 'T7' },
    { action: 'COMPLETE_TRANSFER_IN', from: 'INFO_SHEET_RECEIVED', to: 'TRANSFERRED_IN', rule: 'T7' },
    { action: 'CREDIT_ACCOUNT', from: 'TRANSFERRED_IN', to: 'COMPLETED', rule: 'T7' },
  ],
  // 转出, 邮寄信函模式 (T9): within 15 working days of the letter: transfer-out, sheet printed and posted, balance
  OUTBOUND_POSTAL: [
    { action: 'COMPLETE_TRANSFER_OUT', from: 'CONTACT_LETTER_RECEIVED', to: 'TRANSFERRED_OUT', rule: 'T9' },
    { action: 'SEND_INFO_SHEET', from: 'TRANSFERRED_OUT', to: 'INFO_SHEET_SENT', rule: 'T9' },
    { action: 'SEND_BALANCE', from: 'INFO_SHEET_SENT', to: 'COMPLETED', rule: 'T9' },
  ],
  // 转出, 一网通办模式 (T9): within 10 working days of approval: transfer-out, sheet sealed and uploaded, balance
  OUTBOUND_ONLINE: [
    { action: 'COMPLETE_TRANSFER_OUT', from: 'ACCEPTED', to: 'TRANSFERRED_OUT', rule: 'T9' },
    { action: 'SEND_INFO_SHEET', from: 'TRANSFERRED_OUT', to: 'INFO_SHEET_SENT', rule: 'T9' },
    { action: 'SEND_BALANCE', from: 'INFO_SHEET_SENT', to: 'COMPLETED', rule: 'T9' },
  ],
};

const TERMINAL: readonly TransferStatus[] = ['COMPLETED', 'CANCELLED'];

/** The first status: a postal outbound transfer starts with the other agency's letter, every other one accepted. */
export function initialStatus(direction: Direction, mode: Mode): TransferStatus {
  return direction === 'OUTBOUND' && mode === 'POSTAL' ? 'CONTACT_LETTER_RECEIVED' : 'ACCEPTED';
}

export function isOpen(status: TransferStatus): boolean {
  return !TERMINAL.includes(status);
}

/** The actions allowed in a status (CANCEL while the transfer is open). */
export function allowedActions(direction: Direction, mode: Mode, status: TransferStatus): StepAction[] {
  const steps: StepAction[] = FLOWS[`${direction}_${mode}`].filter((t) => t.from === status).map((t) => t.action);
  return isOpen(status) ? [...steps, 'CANCEL'] : steps;
}

/** The state of a transfer that the step decisions need. */
export interface TransferState {
  direction: Direction;
  mode: Mode;
  status: TransferStatus;
  /** The information sheet received (INBOUND) or generated (OUTBOUND), once there is one. */
  infoSheet: InfoSheet | null;
}

export type StepCommand =
  | { action: 'ISSUE_CONTACT_LETTER' }
  | { action: 'RECEIVE_INFO_SHEET'; infoSheet: InfoSheet }
  | { action: 'COMPLETE_TRANSFER_IN' }
  | { action: 'CREDIT_ACCOUNT'; amountFen: number }
  | { action: 'COMPLETE_TRANSFER_OUT'; infoSheet: InfoSheet }
  | { action: 'SEND_INFO_SHEET' }
  | { action: 'SEND_BALANCE'; amountFen: number }
  | { action: 'CANCEL'; reason: Bilingual };

/** One status change, recorded on the rights record (T12) and published as `transfer-status-changed`. */
export interface StatusChange {
  from: TransferStatus;
  to: TransferStatus;
  rule: RuleId;
  reason: Bilingual;
  on: IsoDate;
}

/** Personal-account money moved by the step: credited (INBOUND) or sent (OUTBOUND); `account-transferred`. */
export interface AccountMovement {
  amountFen: number;
  on: IsoDate;
}

export type StepDecision =
  | { ok: true; changes: StatusChange[]; account: AccountMovement | null; infoSheet: InfoSheet | null }
  | { ok: false; outOfOrder: { status: TransferStatus; allowed: StepAction[] } }
  | { ok: false; refusal: RuleRefusal };

/**
 * T6, T7, T9: decides one step. An action the flow does not allow in the current status is out of order. Money must
 * match the information sheet (核对无误). With no personal-account money to move (a zero balance, the resident
 * scheme), the transfer-in (INBOUND) or the sheet's dispatch (OUTBOUND) completes the transfer at once.
 */
export function decideStep(state: TransferState, command: StepCommand, today: IsoDate): StepDecision {
  const { direction, mode, status } = state;
  const allowed = allowedActions(direction, mode, status);
  if (!allowed.includes(command.action)) return { ok: false, outOfOrder: { status, allowed } };

  if (command.action === 'CANCEL') {
    return {
      ok: true,
      changes: [{ from: status, to: 'CANCELLED', rule: 'T12', reason: command.reason, on: today }],
      account: null,
      infoSheet: null,
    };
  }
  const transition = FLOWS[`${direction}_${mode}`].find((t) => t.from === status && t.action === command.action);
  if (!transition) throw new DomainInputError(`no transition ${command.action} from ${status}`);
  const change = (reason: Bilingual): StatusChange => ({
    from: transition.from,
    to: transition.to,
    rule: transition.rule,
    reason,
    on: today,
  });
  const completeWithoutMoney = (from: TransferStatus): StatusChange => ({
    from,
    to: 'COMPLETED',
    rule: transition.rule,
    reason: stepReasons.NO_ACCOUNT_MONEY,
    on: today,
  });
  const balance = state.infoSheet?.accountBalanceFen ?? 0;

  switch (command.action) {
    case 'ISSUE_CONTACT_LETTER':
      return { ok: true, changes: [change(stepReasons.CONTACT_LETTER_SENT)], account: null, infoSheet: null };
    case 'RECEIVE_INFO_SHEET':
      return {
        ok: true,
        changes: [change(stepReasons.INFO_SHEET_RECEIVED)],
        account: null,
        infoSheet: command.infoSheet,
      };
    case 'COMPLETE_TRANSFER_IN': {
      const changes = [change(stepReasons.TRANSFERRED_IN)];
      if (balance === 0) changes.push(completeWithoutMoney('TRANSFERRED_IN'));
      return { ok: true, changes, account: null, infoSheet: null };
    }
    case 'COMPLETE_TRANSFER_OUT':
      return { ok: true, changes: [change(stepReasons.TRANSFERRED_OUT)], account: null, infoSheet: command.infoSheet };
    case 'SEND_INFO_SHEET': {
      const changes = [
        change(mode === 'ONLINE' ? stepReasons.INFO_SHEET_SENT_ONLINE : stepReasons.INFO_SHEET_SENT_POSTAL),
      ];
      if (balance === 0) changes.push(completeWithoutMoney('INFO_SHEET_SENT'));
      return { ok: true, changes, account: null, infoSheet: null };
    }
    case 'CREDIT_ACCOUNT':
    case 'SEND_BALANCE': {
      if (command.amountFen !== balance) {
        return { ok: false, refusal: stepRefusals.AMOUNT_MISMATCH(transition.rule, balance, command.amountFen) };
      }
      const reason = command.action === 'CREDIT_ACCOUNT' ? stepReasons.ACCOUNT_CREDITED : stepReasons.BALANCE_SENT;
      return {
        ok: true,
        changes: [change(reason)],
        account: { amountFen: command.amountFen, on: today },
        infoSheet: null,
      };
    }
  }
}
