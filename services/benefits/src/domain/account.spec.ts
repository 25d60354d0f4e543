import { balanceOn, decideAccountTransfer, type AccountEntry } from './account';

const credit = (transferId: string, amountFen: number, on: string): AccountEntry => ({
  transferId,
  direction: 'INBOUND',
  amountFen,
  on,
});

describe('B8 — personal account ledger in integer fen', () => {
  it('B8: a transfer credit is applied once, whatever the redeliveries', () => {
    const first = decideAccountTransfer([], credit('t1', 123456, '2026-03-01'));
    expect(first).toMatchObject({ apply: true, signedFen: 123456 });
    const again = decideAccountTransfer([credit('t1', 123456, '2026-03-01')], credit('t1', 123456, '2026-03-05'));
    expect(again.apply).toBe(false);
    expect(again.steps[0]?.en).toBe(
      'the account money of transfer t1 was booked on 2026-03-01; it is not booked again',
    );
  });

  it('B8: an outbound transfer debits the balance sent', () => {
    const out: AccountEntry = { transferId: 't2', direction: 'OUTBOUND', amountFen: 23456, on: '2026-06-01' };
    expect(decideAccountTransfer([credit('t1', 100000, '2026-03-01')], out)).toMatchObject({
      apply: true,
      signedFen: -23456,
    });
  });

  it('B8: the balance on any date counts what was booked by then', () => {
    const entries: AccountEntry[] = [
      credit('t1', 100000, '2026-03-01'),
      credit('t3', 50001, '2026-04-15'),
      { transferId: 't2', direction: 'OUTBOUND', amountFen: 30000, on: '2026-06-01' },
    ];
    expect(balanceOn(entries, '2026-02-28')).toBe(0);
    expect(balanceOn(entries, '2026-03-01')).toBe(100000);
    expect(balanceOn(entries, '2026-05-01')).toBe(150001);
    // the outbound transfer sent the whole balance (the sheet's 30000, whatever benefits had seen credited)
    expect(balanceOn(entries, '2026-06-01')).toBe(0);
  });

  it('B8: an outbound transfer sends the whole balance: the account is 0 after it, never negative; later credits count', () => {
    const out: AccountEntry = { transferId: 't5', direction: 'OUTBOUND', amountFen: 1234567, on: '2026-05-13' };
    // a Tianjin employee whose account was filled by contributions benefits does not see
    expect(balanceOn([out], '2026-05-12')).toBe(0);
    expect(balanceOn([out], '2026-05-13')).toBe(0);
    // a credit of the same day is sent with it; one after it (she comes back) counts
    const sameDay = credit('t6', 5000, '2026-05-13');
    const back = credit('t7', 880000, '2027-03-01');
    expect(balanceOn([out, sameDay], '2026-05-13')).toBe(0);
    expect(balanceOn([out, back, sameDay], '2027-03-01')).toBe(880000);
  });

  it('B8: amounts are whole non-negative fen', () => {
    expect(() => decideAccountTransfer([], credit('t4', 12.5, '2026-01-01'))).toThrow(RangeError);
    expect(() => decideAccountTransfer([], credit('t4', -1, '2026-01-01'))).toThrow(RangeError);
  });
});
