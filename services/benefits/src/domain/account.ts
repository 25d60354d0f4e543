import type { IsoDate, Step } from './types';

/**
 * The personal account (个人账户) in integer fen, from the transfers' `account-transferred` events: an INBOUND transfer
 * credits the money received from the source region; an OUTBOUND one sends the account's balance to the destination
 * (第九条: 若个人账户有余额的，办理个人账户余额划转手续 — the whole balance, the 《信息表》's figure), so the account holds
 * nothing after it. B8: a transfer's money is applied exactly once, whatever the redeliveries — the transfer id is the key.
 */
export interface AccountEntry {
  transferId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  amountFen: number;
  on: IsoDate;
}

export type AccountDecision =
  { apply: true; entry: AccountEntry; signedFen: number; steps: Step[] } | { apply: false; steps: Step[] };

/** B8: whether an account-transferred fact changes the ledger: once per transfer and direction. */
export function decideAccountTransfer(existing: readonly AccountEntry[], fact: AccountEntry): AccountDecision {
  if (!Number.isSafeInteger(fact.amountFen) || fact.amountFen < 0)
    throw new RangeError(`amountFen must be a non-negative whole number of fen, got ${fact.amountFen}`);
  const same = existing.find((e) => e.transferId === fact.transferId && e.direction === fact.direction);
  if (same)
    return {
      apply: false,
      steps: [
        {
          rule: 'B8',
          zh: `转移接续 ${fact.transferId} 的个人账户资金已于 ${same.on} 记账，不再重复记账`,
          en: `the account money of transfer ${fact.transferId} was booked on ${same.on}; it is not booked again`,
        },
      ],
    };
  const signedFen = fact.direction === 'INBOUND' ? fact.amountFen : -fact.amountFen;
  return {
    apply: true,
    entry: fact,
    signedFen,
    steps: [
      fact.direction === 'INBOUND'
        ? {
            rule: 'B8',
            zh: `转入：外省市划转的个人账户金额 ${fact.amountFen} 分计入个人账户（${fact.on}）`,
            en: `inbound: ${fact.amountFen} fen received from the source region credited on ${fact.on}`,
          }
        : {
            rule: 'B8',
            zh: `转出：个人账户余额 ${fact.amountFen} 分全部划转至转入地（${fact.on}），本市个人账户余额为 0`,
            en: `outbound: the balance of ${fact.amountFen} fen sent to the destination region on ${fact.on}; nothing is left in Tianjin`,
          },
    ],
  };
}

/**
 * The balance on a date, in fen, from the entries booked on or before it: credits add; an outbound transfer sends the
 * whole balance, so the account is 0 after it (never negative: benefits does not see the contributions paid into the
 * account or the money spent from it, and the sheet's balance sent may differ from the credits it knows). Credits of
 * the same day come before the sending.
 */
export function balanceOn(entries: readonly AccountEntry[], date: IsoDate): number {
  const booked = entries
    .filter((e) => e.on <= date)
    .sort((a, b) => a.on.localeCompare(b.on) || (a.direction === b.direction ? 0 : a.direction === 'INBOUND' ? -1 : 1));
  return booked.reduce((sum, e) => (e.direction === 'INBOUND' ? sum + e.amountFen : 0), 0);
}
