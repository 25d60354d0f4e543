import { allowedActions, decideStep, initialStatus, type StepCommand, type TransferState } from './workflow';
import { infoSheet } from './spec-fixtures';
import type { TransferStatus } from './types';

const TODAY = '2026-06-22';

function run(state: TransferState, commands: StepCommand[]): { state: TransferState; statuses: TransferStatus[] } {
  const statuses: TransferStatus[] = [state.status];
  let s = state;
  for (const c of commands) {
    const d = decideStep(s, c, TODAY);
    if (!d.ok) throw new Error(`refused ${c.action} in ${s.status}: ${JSON.stringify(d)}`);
    for (const ch of d.changes) statuses.push(ch.to);
    s = { ...s, status: d.changes[d.changes.length - 1]!.to, infoSheet: d.infoSheet ?? s.infoSheet };
  }
  return { state: s, statuses };
}

describe('T3 — direction', () => {
  it('T3: an outbound postal transfer starts with the letter received; every other one is accepted', () => {
    expect(initialStatus('OUTBOUND', 'POSTAL')).toBe('CONTACT_LETTER_RECEIVED');
    expect(initialStatus('OUTBOUND', 'ONLINE')).toBe('ACCEPTED');
    expect(initialStatus('INBOUND', 'POSTAL')).toBe('ACCEPTED');
    expect(initialStatus('INBOUND', 'ONLINE')).toBe('ACCEPTED');
  });
});

describe('T6 — inbound, postal flow', () => {
  it('T6: accepted → letter sent → sheet received → transferred in → money credited (completed)', () => {
    const { statuses } = run({ direction: 'INBOUND', mode: 'POSTAL', status: 'ACCEPTED', infoSheet: null }, [
      { action: 'ISSUE_CONTACT_LETTER' },
      { action: 'RECEIVE_INFO_SHEET', infoSheet: infoSheet() },
      { action: 'COMPLETE_TRANSFER_IN' },
      { action: 'CREDIT_ACCOUNT', amountFen: 123_456 },
    ]);
    expect(statuses).toEqual(['ACCEPTED', 'CONTACT_LETTER_SENT', 'INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'COMPLETED']);
  });

  it('T6: money is credited only as the information sheet says (核对无误); a different amount is refused', () => {
    const state: TransferState = {
      direction: 'INBOUND',
      mode: 'POSTAL',
      status: 'TRANSFERRED_IN',
      infoSheet: infoSheet(),
    };
    const d = decideStep(state, { action: 'CREDIT_ACCOUNT', amountFen: 100 }, TODAY);
    expect(d).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'T6' }) });
    const ok = decideStep(state, { action: 'CREDIT_ACCOUNT', amountFen: 123_456 }, TODAY);
    expect(ok).toMatchObject({ ok: true, account: { amountFen: 123_456, on: TODAY } });
  });

  it('T6: with no personal-account money on the sheet, the transfer-in completes the transfer', () => {
    const { statuses } = run(
      {
        direction: 'INBOUND',
        mode: 'POSTAL',
        status: 'INFO_SHEET_RECEIVED',
        infoSheet: infoSheet({ accountBalanceFen: 0 }),
      },
      [{ action: 'COMPLETE_TRANSFER_IN' }],
    );
    expect(statuses).toEqual(['INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'COMPLETED']);
  });

  it('T6: a step out of order changes nothing and says what is allowed', () => {
    const d = decideStep(
      { direction: 'INBOUND', mode: 'POSTAL', status: 'ACCEPTED', infoSheet: null },
      { action: 'COMPLETE_TRANSFER_IN' },
      TODAY,
    );
    expect(d).toEqual({ ok: false, outOfOrder: { status: 'ACCEPTED', allowed: ['ISSUE_CONTACT_LETTER', 'CANCEL'] } });
  });
});

describe('T7 — inbound, online flow', () => {
  it('T7: no contact letter online: accepted → sheet received → transferred in → credited', () => {
    const { statuses } = run({ direction: 'INBOUND', mode: 'ONLINE', status: 'ACCEPTED', infoSheet: null }, [
      { action: 'RECEIVE_INFO_SHEET', infoSheet: infoSheet({ mode: 'ONLINE' }) },
      { action: 'COMPLETE_TRANSFER_IN' },
      { action: 'CREDIT_ACCOUNT', amountFen: 123_456 },
    ]);
    expect(statuses).toEqual(['ACCEPTED', 'INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'COMPLETED']);
    expect(allowedActions('INBOUND', 'ONLINE', 'ACCEPTED')).toEqual(['RECEIVE_INFO_SHEET', 'CANCEL']);
  });
});

describe('T9 — outbound flows', () => {
  it('T9: postal: letter received → transferred out → sheet posted → balance sent', () => {
    const { statuses } = run(
      { direction: 'OUTBOUND', mode: 'POSTAL', status: 'CONTACT_LETTER_RECEIVED', infoSheet: null },
      [
        { action: 'COMPLETE_TRANSFER_OUT', infoSheet: infoSheet() },
        { action: 'SEND_INFO_SHEET' },
        { action: 'SEND_BALANCE', amountFen: 123_456 },
      ],
    );
    expect(statuses).toEqual(['CONTACT_LETTER_RECEIVED', 'TRANSFERRED_OUT', 'INFO_SHEET_SENT', 'COMPLETED']);
  });

  it('T9: online: approved → transferred out → sheet sealed and uploaded → completed at once without a balance', () => {
    const { statuses } = run({ direction: 'OUTBOUND', mode: 'ONLINE', status: 'ACCEPTED', infoSheet: null }, [
      { action: 'COMPLETE_TRANSFER_OUT', infoSheet: infoSheet({ accountBalanceFen: 0, mode: 'ONLINE' }) },
      { action: 'SEND_INFO_SHEET' },
    ]);
    expect(statuses).toEqual(['ACCEPTED', 'TRANSFERRED_OUT', 'INFO_SHEET_SENT', 'COMPLETED']);
    const sent = decideStep(
      { direction: 'OUTBOUND', mode: 'ONLINE', status: 'TRANSFERRED_OUT', infoSheet: infoSheet() },
      { action: 'SEND_INFO_SHEET' },
      TODAY,
    );
    expect(sent.ok && sent.changes[0]?.reason.en).toBe(
      'information sheet sealed and uploaded to the national platform',
    );
  });

  it('T9: the balance sent must be the sheet’s', () => {
    const d = decideStep(
      { direction: 'OUTBOUND', mode: 'POSTAL', status: 'INFO_SHEET_SENT', infoSheet: infoSheet() },
      { action: 'SEND_BALANCE', amountFen: 1 },
      TODAY,
    );
    expect(d).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'T9' }) });
  });

  it('T9: a contact letter is never issued on an outbound transfer', () => {
    const d = decideStep(
      { direction: 'OUTBOUND', mode: 'POSTAL', status: 'CONTACT_LETTER_RECEIVED', infoSheet: null },
      { action: 'ISSUE_CONTACT_LETTER' },
      TODAY,
    );
    expect(d.ok).toBe(false);
  });
});

describe('T12 — every step recorded', () => {
  it('T12: a cancellation is a recorded step with its reason; nothing follows a completed or cancelled transfer', () => {
    const reason = { zh: '申请人撤回', en: 'withdrawn by the applicant' };
    const d = decideStep(
      { direction: 'INBOUND', mode: 'ONLINE', status: 'ACCEPTED', infoSheet: null },
      { action: 'CANCEL', reason },
      TODAY,
    );
    expect(d).toEqual({
      ok: true,
      changes: [{ from: 'ACCEPTED', to: 'CANCELLED', rule: 'T12', reason, on: TODAY }],
      account: null,
      infoSheet: null,
    });
    expect(allowedActions('INBOUND', 'ONLINE', 'CANCELLED')).toEqual([]);
    expect(allowedActions('OUTBOUND', 'ONLINE', 'COMPLETED')).toEqual([]);
  });

  it('T12: every change carries a reason in both languages and the rule', () => {
    const d = decideStep(
      { direction: 'INBOUND', mode: 'POSTAL', status: 'ACCEPTED', infoSheet: null },
      { action: 'ISSUE_CONTACT_LETTER' },
      TODAY,
    );
    expect(d).toMatchObject({
      ok: true,
      changes: [{ rule: 'T6', reason: { zh: expect.stringContaining('联系函'), en: expect.any(String) } }],
    });
  });
});
