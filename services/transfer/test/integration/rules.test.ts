import { eventually, withTestDatabase } from '@yibao/test-kit';
import {
  APPLY,
  CITY,
  EMPLOYER,
  HEPING_CLERK,
  NANKAI,
  NANKAI_CLERK,
  PLATFORM,
  SHIJIAZHUANG,
  TransferHarness,
  inboundInput,
  outboundInput,
  relation,
  sheetInput,
  tianjinResident,
  tianjinStaff,
} from './harness';

/**
 * T1–T13 through the real database and Kafka. Enrollment is never started here: every person and relation reaches
 * the transfer service as enrollment's events on the real topics (the projection), as while enrollment is down.
 */
const h = new TransferHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
beforeEach(() => h.clock.set('2026-06-15'));

type Applied = {
  applyForTransfer: {
    id: string;
    status: string;
    direction: string;
    kind: string;
    handlingDistrict: string;
    sourceRecordKept: boolean;
    openStep: { step: string; dueOn: string | null } | null;
  };
};

const ISSUE =
  'mutation ($id: ID!) { issueContactLetter(transferId: $id) { id status contactLetter { letterNo issuedOn fromAgency { name } toAgency { regionCode name } person { name idNumber } } openStep { step owner dueOn } } }';
const RECEIVE_POSTAL =
  'mutation ($id: ID!, $sheet: InfoSheetInput!) { recordInfoSheetReceived(transferId: $id, infoSheet: $sheet) { id status infoSheetReceivedOn openStep { step rule dueOn } } }';
const RECEIVE_PLATFORM =
  'mutation ($id: ID!, $sheet: InfoSheetInput!) { receivePlatformInfoSheet(transferId: $id, infoSheet: $sheet) { id status openStep { step rule dueOn } } }';
const COMPLETE_IN = 'mutation ($id: ID!) { completeTransferIn(transferId: $id) { id status completedOn } }';
const CREDIT =
  'mutation ($id: ID!, $fen: Int!) { creditAccount(transferId: $id, amountFen: $fen) { id status accountMovedFen completedOn } }';
const COMPLETE_OUT =
  'mutation ($id: ID!, $sheet: InfoSheetInput!) { completeTransferOut(transferId: $id, infoSheet: $sheet) { id status infoSheet { sheetNo issuingAgency { name } accountBalanceFen } } }';
const SEND_SHEET =
  'mutation ($id: ID!, $ref: String) { sendInfoSheet(transferId: $id, dispatchReference: $ref) { id status dispatchReference infoSheet { seal { algorithm keyId signature contentSha256 } } } }';
const SEND_BALANCE =
  'mutation ($id: ID!, $fen: Int!) { sendBalance(transferId: $id, amountFen: $fen) { id status accountMovedFen } }';

async function apply(input: Record<string, unknown>, as = CITY) {
  return h.gql<Applied>(APPLY, { input }, as);
}

async function accepted(input: Record<string, unknown>, as = CITY): Promise<Applied['applyForTransfer']> {
  const r = await apply(input, as);
  expect(r.errors).toBeUndefined();
  return r.data!.applyForTransfer;
}

async function ok<T>(query: string, variables: Record<string, unknown>, as = CITY): Promise<T> {
  const r = await h.gql<T>(query, variables, as);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

async function expectNothingWritten(personId: string): Promise<void> {
  expect(await h.footprint(personId)).toEqual({ transfers: 0, steps: 0, events: 0 });
}

describe('T1 — transfers of employee and resident relations between pooling regions', () => {
  it('T1: an outbound transfer without a Tianjin relation of the scheme is refused with T1; nothing is created', async () => {
    const { personId } = await h.person([]);
    const r = await apply(outboundInput(personId));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED' });
    expect((r.errors?.[0]?.extensions?.reasons as Array<{ rule: string }>).map((p) => p.rule)).toEqual(['T1']);
    await expectNothingWritten(personId);
  });

  it('T1: a transfer moves the record (information sheet) and the personal-account money (account-transferred, fen)', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(personId, { mode: 'ONLINE' }));
    await ok(RECEIVE_PLATFORM, { id: t.id, sheet: sheetInput() }, PLATFORM);
    await ok(COMPLETE_IN, { id: t.id });
    const done = await ok<{ creditAccount: { status: string; accountMovedFen: number } }>(CREDIT, {
      id: t.id,
      fen: 123456,
    });
    expect(done.creditAccount).toMatchObject({ status: 'COMPLETED', accountMovedFen: 123456 });
    const money = await h.eventsOf(personId, 'account-transferred');
    expect(money).toEqual([
      {
        topic: 'account-transferred',
        data: expect.objectContaining({ transferId: t.id, amountFen: 123456, direction: 'INBOUND', on: '2026-06-15' }),
      },
    ]);
  });
});

describe('T2 — within a scheme and across schemes', () => {
  it('T2: resident → resident into Tianjin in the current year is refused; after enrolling for next year it is accepted', async () => {
    const input = (personId: string) =>
      inboundInput(personId, {
        fromScheme: 'RESIDENT',
        toScheme: 'RESIDENT',
        applicant: { kind: 'PERSON' },
        otherRegion: { status: 'SUSPENDED', periodYear: 2026 },
      });
    const thisYear = await h.person([tianjinResident()]);
    const r = await apply(input(thisYear.personId));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T2' });
    await expectNothingWritten(thisYear.personId);

    const nextYear = await h.person([tianjinResident({ periodYear: 2027, startDate: '2027-01-01' })]);
    expect(await accepted(input(nextYear.personId))).toMatchObject({ kind: 'WITHIN_SCHEME', status: 'ACCEPTED' });
  });

  it('T2: employee → resident and resident → employee are transfers across schemes', async () => {
    const a = await h.person([tianjinResident()]);
    expect(
      await accepted(inboundInput(a.personId, { toScheme: 'RESIDENT', applicant: { kind: 'PERSON' } })),
    ).toMatchObject({ kind: 'ACROSS_SCHEMES' });
    const b = await h.person([tianjinResident({ status: 'SUSPENDED', endDate: '2026-05-31' })]);
    expect(await accepted(outboundInput(b.personId, { fromScheme: 'RESIDENT' }))).toMatchObject({
      kind: 'ACROSS_SCHEMES',
      direction: 'OUTBOUND',
    });
  });
});

describe('T3 — direction', () => {
  it('T3: Tianjin as the destination is INBOUND, as the source OUTBOUND; two Tianjin districts are no transfer', async () => {
    const a = await h.person([tianjinStaff()]);
    expect((await accepted(inboundInput(a.personId))).direction).toBe('INBOUND');
    const b = await h.person([tianjinStaff({ status: 'TERMINATED', endDate: '2026-05-31' })]);
    expect((await accepted(outboundInput(b.personId))).direction).toBe('OUTBOUND');
    const c = await h.person([tianjinStaff()]);
    const r = await apply(inboundInput(c.personId, { sourceRegion: '120101' }));
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'input.destinationRegion' })],
    });
    await expectNothingWritten(c.personId);
  });
});

describe('T4 — applicant and channel', () => {
  it('T4: an employer-staff member’s transfer is applied for by the employer; the person’s own application is refused', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const self = { subject: `person-${personId}`, role: 'PERSON' as const, personId };
    const r = await apply(inboundInput(personId, { channel: 'JIN_YIBAO_APP', applicant: null }), self);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T4' });
    await expectNothingWritten(personId);
    const employer = { subject: 'hr', role: 'EMPLOYER' as const, employerCode: EMPLOYER };
    const t = await accepted(inboundInput(personId, { channel: 'WEB_HALL', applicant: null }), employer);
    expect(t).toMatchObject({ applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER } });
    const step = await h.service.runtime.dataSource.query(
      'SELECT channel, actor_role FROM transfer_step WHERE transfer_id = $1',
      [t.id],
    );
    expect(step).toEqual([{ channel: 'WEB_HALL', actor_role: 'EMPLOYER' }]);
  });

  it('T4: a resident applies themselves through the app; nobody applies for someone else', async () => {
    const { personId } = await h.person([tianjinResident()]);
    const self = { subject: `person-${personId}`, role: 'PERSON' as const, personId };
    const input = inboundInput(personId, {
      toScheme: 'RESIDENT',
      channel: 'JIN_YIBAO_APP',
      applicant: null,
      mode: 'ONLINE',
    });
    const other = await h.person([tianjinResident()]);
    const forOther = await apply({ ...input, personId: other.personId }, self);
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expectNothingWritten(other.personId);
    expect(await accepted(input, self)).toMatchObject({ applicant: { kind: 'PERSON', personId } });
  });
});

describe('T5 — pre-check on the projection, every reason at once', () => {
  it('T5: a failing application lists every reason (veteran, not enrolled, source not terminated, applicant) and creates nothing', async () => {
    const { personId } = await h.person([]);
    const r = await apply(
      inboundInput(personId, {
        veteran: true,
        otherRegion: { status: 'ACTIVE', periodYear: 2026 },
        applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER },
      }),
    );
    const ext = r.errors?.[0]?.extensions as {
      code: string;
      rule: string;
      reasons: Array<{ rule: string; reason: { zh: string }; nextStep: { en: string } }>;
    };
    expect(ext.code).toBe('RULE_REFUSED');
    expect(ext.rule).toBe('T5');
    expect(ext.reasons.map((p) => p.rule)).toEqual(['T13', 'T5', 'T5', 'T4']);
    expect(ext.reasons.every((p) => p.reason.zh && p.nextStep.en)).toBe(true);
    await expectNothingWritten(personId);
  });

  it('T5: the Tianjin side is read from the projection of enrollment’s events (enrollment is not running here)', async () => {
    const { personId, relationIds } = await h.person([tianjinStaff()]);
    // the employee relation is still ACTIVE: an outbound transfer is refused …
    const refused = await apply(outboundInput(personId));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T5' });
    // … until enrollment's relation-terminated arrives on Kafka
    const [relationId] = relationIds;
    await h.relationEvent(relation(personId, { relationId, status: 'TERMINATED', endDate: '2026-06-14' }));
    await h.projected(relationId!, 'TERMINATED');
    expect(await accepted(outboundInput(personId))).toMatchObject({ status: 'ACCEPTED', handlingDistrict: NANKAI });
  });

  it('T5: a second open transfer for the same person and direction is a CONFLICT and changes nothing', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const first = await accepted(inboundInput(personId));
    const before = await h.footprint(personId);
    const again = await apply(inboundInput(personId, { mode: 'ONLINE' }));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', id: first.id });
    expect(await h.footprint(personId)).toEqual(before);
  });

  it('T5: the database allows one open transfer per person and direction, also for racing applications', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const results = await Promise.all([
      apply(inboundInput(personId)),
      apply(inboundInput(personId, { mode: 'ONLINE' })),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await h.count('transfer', 'person_id = $1', [personId])).toBe(1);
  });
});

describe('T6 — inbound, postal: letter within 15 working days, transfer-in within 15, money credited', () => {
  it('T6: the whole postal inbound flow, with its deadlines across National Day and the make-up Saturday 10 Oct', async () => {
    h.clock.set('2026-09-18');
    const { personId } = await h.person([tianjinStaff()], '李四');
    const t = await accepted(inboundInput(personId));
    // Fri 18 Sep + 15 working days: Sun 20 and Sat 10 Oct (make-up days) count, 25–27 Sep and 1–7 Oct do not
    expect(t.openStep).toMatchObject({ step: 'ISSUE_CONTACT_LETTER', dueOn: '2026-10-15' });

    h.clock.set('2026-09-22');
    const letter = await ok<{
      issueContactLetter: { contactLetter: Record<string, unknown>; openStep: { owner: string } };
    }>(ISSUE, { id: t.id }, NANKAI_CLERK);
    expect(letter.issueContactLetter.contactLetter).toMatchObject({
      issuedOn: '2026-09-22',
      fromAgency: { name: '天津市南开区医疗保障分中心' },
      toAgency: { regionCode: SHIJIAZHUANG },
      person: { name: '李四' },
    });
    expect(letter.issueContactLetter.openStep).toMatchObject({ owner: 'OTHER_REGION' });

    h.clock.set('2026-09-30');
    const received = await ok<{ recordInfoSheetReceived: { openStep: { rule: string; dueOn: string } } }>(
      RECEIVE_POSTAL,
      { id: t.id, sheet: sheetInput() },
      NANKAI_CLERK,
    );
    // Wed 30 Sep + 15: 8, 9, Sat 10 (make-up), 12–16, 19–23, 26, 27 Oct
    expect(received.recordInfoSheetReceived.openStep).toMatchObject({ rule: 'T6', dueOn: '2026-10-27' });

    h.clock.set('2026-10-12');
    await ok(COMPLETE_IN, { id: t.id }, NANKAI_CLERK);
    // the amount must match the sheet: refused, nothing changes
    const wrong = await h.gql(CREDIT, { id: t.id, fen: 100 }, NANKAI_CLERK);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T6' });
    const credited = await ok<{ creditAccount: { status: string; completedOn: string } }>(
      CREDIT,
      { id: t.id, fen: 123456 },
      NANKAI_CLERK,
    );
    expect(credited.creditAccount).toMatchObject({ status: 'COMPLETED', completedOn: '2026-10-12' });

    const statuses = (await h.eventsOf(personId, 'transfer-status-changed')).map((e) => [
      e.data.previousStatus,
      e.data.status,
    ]);
    expect(statuses).toEqual([
      [null, 'ACCEPTED'],
      ['ACCEPTED', 'CONTACT_LETTER_SENT'],
      ['CONTACT_LETTER_SENT', 'INFO_SHEET_RECEIVED'],
      ['INFO_SHEET_RECEIVED', 'TRANSFERRED_IN'],
      ['TRANSFERRED_IN', 'COMPLETED'],
    ]);
    expect(await h.eventsOf(personId, 'account-transferred')).toHaveLength(1);
  });

  it('T6: the contact letter prints as a PDF with an embedded CJK font', async () => {
    const { personId } = await h.person([tianjinStaff()], '王五');
    const t = await accepted(inboundInput(personId));
    await ok(ISSUE, { id: t.id });
    const r = await ok<{
      transfer: { document: { contentType: string; base64: string; bytes: number; filename: string } };
    }>(
      'query ($id: ID!) { transfer(id: $id) { document(kind: CONTACT_LETTER) { filename contentType base64 bytes } } }',
      { id: t.id },
    );
    const pdf = Buffer.from(r.transfer.document.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBe(r.transfer.document.bytes);
    expect(pdf.toString('latin1')).toContain('NotoSansSC');
    expect(pdf.length).toBeLessThan(200_000); // the font is subset
  });
});

describe('T7 — inbound, online: the sheet through the national platform, transfer-in within 5 working days', () => {
  it('T7: the platform (INTEGRATOR) delivers the sheet; the transfer-in is due 5 working days later, across National Day', async () => {
    h.clock.set('2026-09-30');
    const { personId } = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(personId, { mode: 'ONLINE' }));
    expect(t.openStep).toMatchObject({ step: 'AWAIT_INFO_SHEET', dueOn: null });
    // staff cannot pose as the platform, and the postal mutation does not fit an online transfer
    expect(
      (await h.gql(RECEIVE_PLATFORM, { id: t.id, sheet: sheetInput() }, NANKAI_CLERK)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await h.gql(RECEIVE_POSTAL, { id: t.id, sheet: sheetInput() }, NANKAI_CLERK)).errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    const r = await ok<{ receivePlatformInfoSheet: { status: string; openStep: { rule: string; dueOn: string } } }>(
      RECEIVE_PLATFORM,
      { id: t.id, sheet: sheetInput({ accountBalanceFen: 0 }) },
      PLATFORM,
    );
    expect(r.receivePlatformInfoSheet).toMatchObject({
      status: 'INFO_SHEET_RECEIVED',
      openStep: { rule: 'T7', dueOn: '2026-10-13' },
    });
    const step = await h.service.runtime.dataSource.query(
      "SELECT channel, actor_role FROM transfer_step WHERE transfer_id = $1 AND action = 'RECEIVE_INFO_SHEET'",
      [t.id],
    );
    expect(step).toEqual([{ channel: 'NATIONAL_PLATFORM', actor_role: 'INTEGRATOR' }]);
    // no money on the sheet: the transfer-in completes it
    const done = await ok<{ completeTransferIn: { status: string } }>(COMPLETE_IN, { id: t.id });
    expect(done.completeTransferIn.status).toBe('COMPLETED');
    expect(await h.eventsOf(personId, 'account-transferred')).toEqual([]);
  });
});

describe('T7/T9 — the national platform adapter is idempotent', () => {
  it('T9: the platform’s online application redelivered (same externalId) returns the first transfer; a redelivered sheet changes nothing', async () => {
    const out = await h.person([tianjinStaff({ status: 'TERMINATED', endDate: '2026-05-31' })]);
    const input = outboundInput(out.personId, { applicant: { kind: 'PERSON' }, externalId: 'NHSA-APP-0001' });
    const first = await accepted(input, PLATFORM);
    const again = await accepted(input, PLATFORM);
    expect(again.id).toBe(first.id);
    expect(await h.footprint(out.personId)).toEqual({ transfers: 1, steps: 1, events: 1 });

    const inn = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(inn.personId, { mode: 'ONLINE' }));
    await ok(RECEIVE_PLATFORM, { id: t.id, sheet: sheetInput() }, PLATFORM);
    const before = await h.footprint(inn.personId);
    const redelivered = await ok<{ receivePlatformInfoSheet: { status: string } }>(
      RECEIVE_PLATFORM,
      { id: t.id, sheet: sheetInput() },
      PLATFORM,
    );
    expect(redelivered.receivePlatformInfoSheet.status).toBe('INFO_SHEET_RECEIVED');
    expect(await h.footprint(inn.personId)).toEqual(before);
  });
});

describe('T8 — progress: SMS for postal, self-service queries for online (the mode on every event)', () => {
  it('T8: every transfer-status-changed carries the mode, so notification sends SMS for postal ones', async () => {
    const a = await h.person([tianjinStaff()]);
    const postal = await accepted(inboundInput(a.personId));
    await ok(ISSUE, { id: postal.id });
    const b = await h.person([tianjinStaff()]);
    await accepted(inboundInput(b.personId, { mode: 'ONLINE' }));
    expect((await h.eventsOf(a.personId, 'transfer-status-changed')).map((e) => e.data.mode)).toEqual([
      'POSTAL',
      'POSTAL',
    ]);
    expect((await h.eventsOf(b.personId, 'transfer-status-changed')).map((e) => e.data.mode)).toEqual(['ONLINE']);
    const person = { subject: `p-${b.personId}`, role: 'PERSON' as const, personId: b.personId };
    const progress = await ok<{
      _entities: Array<{ transfers: Array<{ status: string; openStep: { step: string } }> }>;
    }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { transfers { status openStep { step } } } } }',
      { r: [{ __typename: 'Person', id: b.personId }] },
      person,
    );
    expect(progress._entities[0]?.transfers).toEqual([{ status: 'ACCEPTED', openStep: { step: 'AWAIT_INFO_SHEET' } }]);
  });
});

describe('T9 — outbound: postal within 15 working days of the letter, online within 10 with the electronic seal', () => {
  it('T9: postal: the other agency’s letter opens it; transfer-out, sheet posted, balance sent within 15 working days', async () => {
    h.clock.set('2026-09-25');
    const { personId } = await h.person([tianjinStaff({ status: 'TERMINATED', endDate: '2026-08-31' })]);
    const r = await ok<{
      recordContactLetterReceived: {
        id: string;
        status: string;
        openStep: { step: string; dueOn: string };
        receivedContactLetter: { letterNo: string };
      };
    }>(
      'mutation ($input: ContactLetterReceivedInput!) { recordContactLetterReceived(input: $input) { id status openStep { step dueOn } receivedContactLetter { letterNo } } }',
      {
        input: {
          personId,
          sourceRegion: NANKAI,
          destinationRegion: SHIJIAZHUANG,
          fromScheme: 'EMPLOYEE',
          toScheme: 'EMPLOYEE',
          applicant: { kind: 'PERSON' },
          otherRegion: { status: 'ACTIVE', periodYear: 2026 },
          letter: {
            letterNo: '冀医保联〔2026〕88',
            issuedOn: '2026-09-20',
            issuingAgency: '石家庄市长安区医疗保障局',
            receivedOn: '2026-09-24',
          },
        },
      },
      NANKAI_CLERK,
    );
    const t = r.recordContactLetterReceived;
    // received Thu 24 Sep: 28–30 Sep, 8, 9, Sat 10, 12–16, 19–22 Oct
    expect(t).toMatchObject({
      status: 'CONTACT_LETTER_RECEIVED',
      openStep: { step: 'COMPLETE_TRANSFER_OUT', dueOn: '2026-10-22' },
    });
    const out = await ok<{
      completeTransferOut: {
        status: string;
        infoSheet: { issuingAgency: { name: string }; accountBalanceFen: number };
      };
    }>(
      COMPLETE_OUT,
      { id: t.id, sheet: sheetInput({ sheetNo: null, issuedOn: null, accountBalanceFen: 5000 }) },
      NANKAI_CLERK,
    );
    expect(out.completeTransferOut).toMatchObject({
      status: 'TRANSFERRED_OUT',
      infoSheet: { issuingAgency: { name: '天津市南开区医疗保障分中心' }, accountBalanceFen: 5000 },
    });
    const sent = await ok<{
      sendInfoSheet: { status: string; dispatchReference: string; infoSheet: { seal: unknown } };
    }>(SEND_SHEET, { id: t.id, ref: 'EMS1234567890' }, NANKAI_CLERK);
    expect(sent.sendInfoSheet).toMatchObject({
      status: 'INFO_SHEET_SENT',
      dispatchReference: 'EMS1234567890',
      infoSheet: { seal: null },
    });
    const balance = await ok<{ sendBalance: { status: string; accountMovedFen: number } }>(
      SEND_BALANCE,
      { id: t.id, fen: 5000 },
      NANKAI_CLERK,
    );
    expect(balance.sendBalance).toEqual({ id: t.id, status: 'COMPLETED', accountMovedFen: 5000 });
    expect(await h.eventsOf(personId, 'account-transferred')).toEqual([
      { topic: 'account-transferred', data: expect.objectContaining({ direction: 'OUTBOUND', amountFen: 5000 }) },
    ]);
  });

  it('T9: online: the sheet is sealed with the agency’s Ed25519 key; verification passes, and fails after any change', async () => {
    h.clock.set('2026-09-18');
    const { personId } = await h.person([tianjinStaff({ status: 'TERMINATED', endDate: '2026-08-31' })]);
    const t = await accepted(outboundInput(personId));
    expect(t.openStep).toMatchObject({ step: 'COMPLETE_TRANSFER_OUT', dueOn: '2026-10-09' });
    await ok(COMPLETE_OUT, { id: t.id, sheet: sheetInput({ sheetNo: null, issuedOn: null }) });
    const sent = await ok<{ sendInfoSheet: { infoSheet: { seal: { algorithm: string; keyId: string } } } }>(
      SEND_SHEET,
      { id: t.id },
    );
    expect(sent.sendInfoSheet.infoSheet.seal).toMatchObject({ algorithm: 'Ed25519', keyId: 'yibao-dev-seal-2026' });
    const VERIFY = 'query ($id: ID!) { verifyInfoSheetSeal(transferId: $id) { valid keyId reason { en } } }';
    expect(
      (await ok<{ verifyInfoSheetSeal: { valid: boolean } }>(VERIFY, { id: t.id })).verifyInfoSheetSeal,
    ).toMatchObject({ valid: true });

    // one fen more on the stored sheet: the seal no longer matches
    await h.service.runtime.dataSource.query(
      `UPDATE transfer SET info_sheet = jsonb_set(info_sheet, '{accountBalanceFen}', '123457') WHERE id = $1`,
      [t.id],
    );
    const tampered = await ok<{ verifyInfoSheetSeal: { valid: boolean; reason: { en: string } } }>(VERIFY, {
      id: t.id,
    });
    expect(tampered.verifyInfoSheetSeal).toMatchObject({
      valid: false,
      reason: { en: expect.stringContaining('changed') },
    });
    // a forged key id is not ours
    await h.service.runtime.dataSource.query(
      `UPDATE transfer SET info_sheet = jsonb_set(info_sheet, '{accountBalanceFen}', '123456'),
              info_sheet_seal = jsonb_set(info_sheet_seal, '{keyId}', '"someone-else"') WHERE id = $1`,
      [t.id],
    );
    expect(
      (await ok<{ verifyInfoSheetSeal: { valid: boolean } }>(VERIFY, { id: t.id })).verifyInfoSheetSeal.valid,
    ).toBe(false);

    const pdf = await ok<{ transfer: { document: { base64: string } } }>(
      'query ($id: ID!) { transfer(id: $id) { document(kind: INFO_SHEET) { base64 } } }',
      { id: t.id },
    );
    expect(Buffer.from(pdf.transfer.document.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('T10 — due and overdue steps per district and city-wide; alerts', () => {
  it('T10: staff see what is due and what is overdue, flagged; a branch sees its district only', async () => {
    h.clock.set('2026-03-02');
    const nankai = await h.person([tianjinStaff()]);
    const tn = await accepted(inboundInput(nankai.personId)); // letter due 15 working days after 2 Mar: 23 Mar
    const heping = await h.person([tianjinStaff({ regionCode: '120101' })]);
    const tp = await accepted(inboundInput(heping.personId, { destinationRegion: '120101' }));

    h.clock.set('2026-03-24');
    const DUE = `query ($district: String, $within: Int, $overdueOnly: Boolean) {
      dueTransfers(district: $district, withinWorkingDays: $within, overdueOnly: $overdueOnly) {
        transfer { id handlingDistrict } step { step dueOn overdue workingDaysLeft } } }`;
    type Due = {
      dueTransfers: Array<{
        transfer: { id: string; handlingDistrict: string };
        step: { overdue: boolean; dueOn: string; workingDaysLeft: number };
      }>;
    };
    const mine = (await ok<Due>(DUE, { within: 3 }, NANKAI_CLERK)).dueTransfers;
    expect(mine.map((d) => d.transfer.id)).toContain(tn.id);
    expect(mine.map((d) => d.transfer.id)).not.toContain(tp.id);
    expect(mine.every((d) => d.transfer.handlingDistrict === NANKAI)).toBe(true);
    expect(mine.find((d) => d.transfer.id === tn.id)?.step).toEqual({
      step: 'ISSUE_CONTACT_LETTER',
      dueOn: '2026-03-23',
      overdue: true,
      workingDaysLeft: -1,
    });

    const city = (await ok<Due>(DUE, { overdueOnly: true }, CITY)).dueTransfers.map((d) => d.transfer.id);
    expect(city).toEqual(expect.arrayContaining([tn.id, tp.id]));
    const other = await h.gql(DUE, { district: '120101' }, NANKAI_CLERK);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await h.gql(DUE, {}, { subject: 'x', role: 'PERSON', personId: nankai.personId })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('T10: the scan alerts DUE_SOON and OVERDUE once per transfer, step, level and day, for the handling district', async () => {
    h.clock.set('2026-09-30');
    const { personId } = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(personId, { mode: 'ONLINE' }));
    await ok(RECEIVE_PLATFORM, { id: t.id, sheet: sheetInput() }, PLATFORM); // transfer-in due 13 Oct
    const alerts = async () => (await h.eventsOf(personId, 'transfer-deadline-alert')).map((e) => e.data);

    await h.app.alerts.scan('2026-10-08'); // 4 working days left: outside the 3-day window
    expect(await alerts()).toEqual([]);
    await h.app.alerts.scan('2026-10-09');
    await h.app.alerts.scan('2026-10-09'); // the same day again: nothing new
    expect(await alerts()).toEqual([
      expect.objectContaining({
        transferId: t.id,
        level: 'DUE_SOON',
        dueOn: '2026-10-13',
        workingDaysLeft: 3,
        handlingDistrict: NANKAI,
        status: 'INFO_SHEET_RECEIVED',
      }),
    ]);
    await h.app.alerts.scan('2026-10-14');
    const scan = await ok<{ scanTransferDeadlines: { alerted: number } }>(
      'mutation { scanTransferDeadlines(on: "2026-10-14") { alerted } }',
      {},
    );
    expect(scan.scanTransferDeadlines.alerted).toBe(0);
    expect((await alerts()).map((a) => [a.level, a.workingDaysLeft])).toEqual([
      ['DUE_SOON', 3],
      ['OVERDUE', -1],
    ]);
    expect(
      (await h.gql('mutation { scanTransferDeadlines { alerted } }', {}, NANKAI_CLERK)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('T10: the scheduler scans on the runtime’s clock', async () => {
    h.clock.set('2026-06-15');
    const { personId } = await h.person([tianjinStaff()]);
    await accepted(inboundInput(personId)); // the letter is due in early July
    h.clock.set('2026-08-03');
    const stop = h.app.alerts.schedule(60_000);
    try {
      await eventually(
        async () => (await h.eventsOf(personId, 'transfer-deadline-alert')).length === 1,
        10000,
        'scheduled alert',
      );
    } finally {
      await stop();
    }
    expect((await h.eventsOf(personId, 'transfer-deadline-alert'))[0]?.data).toMatchObject({
      level: 'OVERDUE',
      step: { zh: '开具《联系函》并邮寄' },
    });
  });
});

describe('T11 — the source record stays usable until the destination completes', () => {
  it('T11: an open outbound transfer keeps the Tianjin relation; enrollment’s later changes of it still apply', async () => {
    const { personId, relationIds } = await h.person([tianjinResident({ status: 'SUSPENDED', endDate: '2026-05-31' })]);
    const t = await accepted(outboundInput(personId, { fromScheme: 'RESIDENT' }));
    expect(t.sourceRecordKept).toBe(true);
    const read = await ok<{ transfer: { tianjinRelation: { id: string } } }>(
      'query ($id: ID!) { transfer(id: $id) { tianjinRelation { id } } }',
      { id: t.id },
    );
    expect(read.transfer.tianjinRelation.id).toBe(relationIds[0]);
    // the transfer changes nothing of the relation itself: no relation event comes from transfer
    expect((await h.eventsOf(personId)).map((e) => e.topic)).toEqual(['transfer-status-changed']);
    // the person keeps paying and claiming in Tianjin meanwhile: enrollment resumes the relation, the projection follows
    const r = relation(personId, { ...tianjinResident(), relationId: relationIds[0], status: 'ACTIVE' });
    await h.publish('relation-resumed', personId, {
      relation: r,
      previousStatus: 'SUSPENDED',
      cause: 'RESUMPTION',
      reason: { zh: '恢复', en: 'resumed' },
      effectiveDate: '2026-06-15',
      actor: CITY,
      changedAt: new Date().toISOString(),
    });
    await h.projected(relationIds[0]!, 'ACTIVE');
    const after = await ok<{ transfer: { status: string; sourceRecordKept: boolean } }>(
      'query ($id: ID!) { transfer(id: $id) { status sourceRecordKept } }',
      { id: t.id },
    );
    expect(after.transfer).toEqual({ status: 'ACCEPTED', sourceRecordKept: true });
  });
});

describe('T12 — every step recorded as the person’s rights record', () => {
  it('T12: who, when, what and the channel of every step, readable by the person; the record is append-only', async () => {
    h.clock.set('2026-06-15');
    const { personId } = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(personId));
    await ok(ISSUE, { id: t.id }, NANKAI_CLERK);
    await ok(
      'mutation ($id: ID!) { cancelTransfer(transferId: $id, reason: { zh: "申请人撤回", en: "withdrawn" }) { status } }',
      { id: t.id },
      NANKAI_CLERK,
    );
    const person = { subject: `p-${personId}`, role: 'PERSON' as const, personId };
    const RECORD =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { transferRecord { transferId action fromStatus toStatus rule reason { zh } on at actor { subject role } channel } } } }';
    const r = await ok<{ _entities: Array<{ transferRecord: Array<Record<string, unknown>> }> }>(
      RECORD,
      { r: [{ __typename: 'Person', id: personId }] },
      person,
    );
    expect(r._entities[0]?.transferRecord).toEqual([
      expect.objectContaining({
        action: 'APPLY',
        fromStatus: null,
        toStatus: 'ACCEPTED',
        rule: 'T5',
        on: '2026-06-15',
        actor: { subject: 'clerk-city', role: 'CITY_STAFF' },
        channel: 'AGENCY_COUNTER',
      }),
      expect.objectContaining({
        action: 'ISSUE_CONTACT_LETTER',
        toStatus: 'CONTACT_LETTER_SENT',
        rule: 'T6',
        actor: { subject: 'clerk-nankai', role: 'DISTRICT_STAFF' },
      }),
      expect.objectContaining({ action: 'CANCEL', toStatus: 'CANCELLED', reason: { zh: '申请人撤回' } }),
    ]);
    const other = await h.person([tianjinStaff()]);
    const denied = await h.gql(RECORD, { r: [{ __typename: 'Person', id: other.personId }] }, person);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // the database itself refuses to rewrite the record, whoever connects
    await withTestDatabase('transfer', async (db) => {
      await expect(
        db.query('UPDATE transfer_step SET reason_zh = $1 WHERE person_id = $2', ['改', personId]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM transfer_step WHERE person_id = $1', [personId])).rejects.toThrow(
        /append-only/,
      );
    });
  });
});

describe('T13 — veterans', () => {
  it('T13: a veteran’s transfer is refused with the military rules as the reason; nothing is created', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const r = await apply(inboundInput(personId, { veteran: true }));
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_REFUSED',
      rule: 'T13',
      reason: { zh: expect.stringContaining('军地基本医疗保险关系转移接续') },
    });
    await expectNothingWritten(personId);
  });
});

describe('access to transfers', () => {
  it('a district branch reads any transfer but operates only the transfers its district handles', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const t = await accepted(inboundInput(personId));
    expect((await h.gql(ISSUE, { id: t.id }, HEPING_CLERK)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await ok<{ transfer: { id: string } }>(
      'query ($id: ID!) { transfer(id: $id) { id } }',
      { id: t.id },
      HEPING_CLERK,
    );
    expect(read.transfer.id).toBe(t.id);
    const listed = await ok<{ _entities: Array<{ transfers: Array<{ id: string }> }> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { transfers { id } } } }',
      { r: [{ __typename: 'Person', id: personId }] },
      HEPING_CLERK,
    );
    expect(listed._entities[0]?.transfers).toEqual([{ id: t.id }]);
    expect(await h.count('transfer_step', 'transfer_id = $1', [t.id])).toBe(1);
  });

  it('an employer reads the transfer it applied for, not a person’s transfers or record', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const employer = { subject: 'hr', role: 'EMPLOYER' as const, employerCode: EMPLOYER };
    const t = await accepted(inboundInput(personId, { channel: 'WEB_HALL', applicant: null }), employer);
    const read = await ok<{ transfer: { status: string } }>(
      'query ($id: ID!) { transfer(id: $id) { status } }',
      { id: t.id },
      employer,
    );
    expect(read.transfer.status).toBe('ACCEPTED');
    const listed = await h.gql(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { transfers { id } } } }',
      { r: [{ __typename: 'Person', id: personId }] },
      employer,
    );
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
