import { WORKING_DAYS, alertFor, openStep, standing, type DeadlineFacts } from './deadlines';

const facts = (over: Partial<DeadlineFacts>): DeadlineFacts => ({
  direction: 'INBOUND',
  mode: 'POSTAL',
  status: 'ACCEPTED',
  acceptedOn: '2026-06-15',
  infoSheetReceivedOn: null,
  ...over,
});

describe('T6 — inbound, postal: 15 and 15 working days', () => {
  it('T6: the contact letter is due 15 working days after acceptance, across the Spring Festival and its make-up Saturdays', () => {
    // accepted Fri 13 Feb 2026; Sat 14 Feb and Sat 28 Feb are make-up working days, 15–23 Feb the holiday
    const step = openStep(facts({ acceptedOn: '2026-02-13' }));
    expect(step).toMatchObject({
      step: 'ISSUE_CONTACT_LETTER',
      owner: 'AGENCY',
      rule: 'T6',
      workingDays: 15,
      dueOn: '2026-03-12',
    });
  });

  it('T6: the transfer-in is due 15 working days after the information sheet arrives, across National Day', () => {
    // received Wed 30 Sep 2026: 1–7 Oct holiday; 8, 9, Sat 10 (make-up), 12–16, 19–23, 26, 27 Oct
    const step = openStep(facts({ status: 'INFO_SHEET_RECEIVED', infoSheetReceivedOn: '2026-09-30' }));
    expect(step).toMatchObject({ step: 'COMPLETE_TRANSFER_IN', rule: 'T6', from: '2026-09-30', dueOn: '2026-10-27' });
  });

  it('T6: waiting for the other region’s sheet or money has no Tianjin deadline', () => {
    expect(openStep(facts({ status: 'CONTACT_LETTER_SENT' }))).toMatchObject({
      step: 'AWAIT_INFO_SHEET',
      owner: 'OTHER_REGION',
      dueOn: null,
    });
    expect(openStep(facts({ status: 'TRANSFERRED_IN' }))).toMatchObject({ step: 'AWAIT_ACCOUNT_MONEY', dueOn: null });
    expect(openStep(facts({ status: 'COMPLETED' }))).toBeNull();
    expect(openStep(facts({ status: 'CANCELLED' }))).toBeNull();
  });
});

describe('T7 — inbound, online: 5 working days', () => {
  it('T7: the transfer-in is due 5 working days after the sheet arrives; National Day and the make-up Saturday 10 Oct', () => {
    // Wed 30 Sep → Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13 Oct
    const step = openStep(facts({ mode: 'ONLINE', status: 'INFO_SHEET_RECEIVED', infoSheetReceivedOn: '2026-09-30' }));
    expect(step).toMatchObject({
      rule: 'T7',
      workingDays: WORKING_DAYS.INBOUND_ONLINE_TRANSFER_IN,
      dueOn: '2026-10-13',
    });
  });

  it('T7: an accepted online transfer waits for the sheet from the national platform', () => {
    expect(openStep(facts({ mode: 'ONLINE' }))).toMatchObject({ step: 'AWAIT_INFO_SHEET', owner: 'OTHER_REGION' });
  });
});

describe('T9 — outbound: 15 working days postal, 10 online', () => {
  it('T9: postal: transfer-out, sheet posted and balance sent within 15 working days of the letter (Mid-autumn, National Day)', () => {
    // letter Thu 24 Sep 2026: 25–27 Sep Mid-autumn, 1–7 Oct National Day, Sat 10 Oct make-up
    for (const status of ['CONTACT_LETTER_RECEIVED', 'TRANSFERRED_OUT', 'INFO_SHEET_SENT'] as const) {
      const step = openStep(facts({ direction: 'OUTBOUND', status, acceptedOn: '2026-09-24' }));
      expect(step).toMatchObject({ owner: 'AGENCY', rule: 'T9', workingDays: 15, dueOn: '2026-10-22' });
    }
  });

  it('T9: online: within 10 working days of approval; the make-up Sunday 20 Sep counts', () => {
    // approved Fri 18 Sep: Sun 20 Sep (make-up) 1, 21–24 Sep 2–5, 28–30 Sep 6–8, 8–9 Oct 9–10
    const step = openStep(facts({ direction: 'OUTBOUND', mode: 'ONLINE', acceptedOn: '2026-09-18' }));
    expect(step).toMatchObject({ step: 'COMPLETE_TRANSFER_OUT', workingDays: 10, dueOn: '2026-10-09' });
  });
});

describe('T10 — working days, overdue flagged, alerts', () => {
  it('T10: a due date is never a weekend or a holiday; a year without a published calendar is named', () => {
    const step = openStep(facts({ acceptedOn: '2026-12-28' }));
    expect(step?.dueOn).toBe('2027-01-18');
    expect(step?.fallbackYears).toEqual([2027]);
  });

  it('T10: overdue once the due date has passed; working days left counted, negative when overdue', () => {
    expect(standing('2026-10-13', '2026-10-09')).toEqual({ overdue: false, workingDaysLeft: 3 });
    expect(standing('2026-10-13', '2026-10-13')).toEqual({ overdue: false, workingDaysLeft: 0 });
    expect(standing('2026-10-13', '2026-10-15')).toEqual({ overdue: true, workingDaysLeft: -2 });
    // due Fri 9 Oct, seen on Sun 11 Oct: overdue, though no working day has passed since
    expect(standing('2026-10-09', '2026-10-11')).toEqual({ overdue: true, workingDaysLeft: -1 });
  });

  it('T10: DUE_SOON within the warning window, OVERDUE after, nothing for the other region’s steps', () => {
    const step = openStep(facts({ mode: 'ONLINE', status: 'INFO_SHEET_RECEIVED', infoSheetReceivedOn: '2026-09-30' }));
    expect(alertFor(step, '2026-10-08', 3)).toBeNull();
    expect(alertFor(step, '2026-10-09', 3)).toEqual({ level: 'DUE_SOON', workingDaysLeft: 3, dueOn: '2026-10-13' });
    expect(alertFor(step, '2026-10-13', 3)).toEqual({ level: 'DUE_SOON', workingDaysLeft: 0, dueOn: '2026-10-13' });
    expect(alertFor(step, '2026-10-14', 3)).toEqual({ level: 'OVERDUE', workingDaysLeft: -1, dueOn: '2026-10-13' });
    expect(alertFor(openStep(facts({ status: 'CONTACT_LETTER_SENT' })), '2027-01-01', 3)).toBeNull();
  });
});
