import { z } from 'zod';
import { bilingual, contract, fen, isoDate, isoDateTime, regionCode } from './common';
import { Scheme, actorSchema } from './enrollment';

/**
 * Events published by the transfer service (T rules). The person id is the key; the transfer id is the idempotency
 * key of `account-transferred` (B8: a credit is applied once, whatever the redeliveries).
 */

/** T3: Tianjin as the destination (INBOUND) or as the source (OUTBOUND). */
export const TransferDirection = z.enum(['INBOUND', 'OUTBOUND']);
/** 邮寄信函模式 / 一网通办模式. */
export const TransferMode = z.enum(['POSTAL', 'ONLINE']);
/**
 * The steps of the two flow charts (转入 / 转出申请流程图), in order:
 * - INBOUND: ACCEPTED (T5 passed) → CONTACT_LETTER_SENT (postal: 联系函 issued and posted, T6) → INFO_SHEET_RECEIVED →
 *   TRANSFERRED_IN (T6 15 / T7 5 working days) → COMPLETED (account money received and credited, or none due);
 * - OUTBOUND: CONTACT_LETTER_RECEIVED (postal) or ACCEPTED (online application approved) → TRANSFERRED_OUT →
 *   INFO_SHEET_SENT (printed and posted, or sealed and uploaded; T9 15 / 10 working days) → COMPLETED (balance sent,
 *   or none);
 * - CANCELLED: withdrawn before completion.
 */
export const TransferStatus = z.enum([
  'ACCEPTED',
  'CONTACT_LETTER_SENT',
  'CONTACT_LETTER_RECEIVED',
  'INFO_SHEET_RECEIVED',
  'TRANSFERRED_IN',
  'TRANSFERRED_OUT',
  'INFO_SHEET_SENT',
  'COMPLETED',
  'CANCELLED',
]);

const transferFacts = z.object({
  transferId: z.string().uuid(),
  personId: z.string().uuid(),
  direction: TransferDirection,
  mode: TransferMode,
  /** T2: the scheme left at the source and the scheme joined at the destination. */
  fromScheme: Scheme,
  toScheme: Scheme,
  sourceRegion: regionCode,
  destinationRegion: regionCode,
});

const transferStatusChanged = contract({
  name: 'transfer-status-changed',
  version: 1,
  producer: 'transfer',
  description:
    'A transfer moved to a new step (T6–T9). `mode` lets notification choose SMS for postal transfers (T8); `dueOn` is the ' +
    "next step's working-day deadline (T10), null when nothing is due.",
  schema: transferFacts.extend({
    status: TransferStatus,
    previousStatus: TransferStatus.nullable(),
    dueOn: isoDate.nullable(),
    actor: actorSchema,
    changedAt: isoDateTime,
  }),
});

const accountTransferred = contract({
  name: 'account-transferred',
  version: 1,
  producer: 'transfer',
  description:
    'Personal-account money of a transfer was credited (INBOUND) or sent (OUTBOUND), in integer fen; `transferId` is the ' +
    'idempotency key: apply it once (B8).',
  schema: transferFacts.extend({
    amountFen: fen.nonnegative(),
    on: isoDate,
  }),
});

const transferDeadlineAlert = contract({
  name: 'transfer-deadline-alert',
  version: 1,
  producer: 'transfer',
  description:
    'An open step of a transfer is due within the warning window or overdue (T10); for the district branch that handles it ' +
    'and the city centre (N4).',
  schema: transferFacts.extend({
    status: TransferStatus,
    /** The 1201xx district whose branch handles the transfer. */
    handlingDistrict: regionCode,
    dueOn: isoDate,
    level: z.enum(['DUE_SOON', 'OVERDUE']),
    /** Working days from the alert's date to the due date; negative when overdue. */
    workingDaysLeft: z.number().int(),
    step: bilingual,
  }),
});

export const TRANSFER_CONTRACTS = {
  'transfer-status-changed': transferStatusChanged,
  'account-transferred': accountTransferred,
  'transfer-deadline-alert': transferDeadlineAlert,
} as const;
