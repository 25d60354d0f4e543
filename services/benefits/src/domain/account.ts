import type { IsoDate, Step } from './types';

/**
 * The personal account (个人账户) in integer fen, from the transfers' `account-transferred` events: an INBOUND transfer
 * credits the money received from the source region, an OUTBOUND one debits the balance sent. B8: a transfer's credit
 * is applied exactly once, whatever the redeliveries — the transfer id is the key.
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
            zh: `转出：个人账户余额 ${fact.amountFen} 分划转至转入地（${fact.on}）`,
            en: `outbound: ${fact.amountFen} fen sent to the destination region on ${fact.on}`,
          },
    ],
  };
}

/** The balance on a date: every entry booked on or before it, credits minus debits, in fen. */
export function balanceOn(entries: readonly AccountEntry[], date: IsoDate): number {
  return entries
    .filter((e) => e.on <= date)
    .reduce((sum, e) => sum + (e.direction === 'INBOUND' ? e.amountFen : -e.amountFen), 0);
}
