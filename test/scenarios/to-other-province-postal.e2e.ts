import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter, type CloudEvent, type EventData } from '@yibao/shared';
import {
  DISTRICT_STAFF,
  INTEGRATOR,
  TestPublisher,
  employerIdentity,
  eventually,
  personIdentity,
  residentId,
} from '@yibao/test-kit';
import { useScenario } from './support';

/**
 * A Nankai employee leaves for a job in Shijiazhuang and takes the medical insurance with her by post (issue 10):
 * the employer suspends the Tianjin relation before she joins there (E7, 关于完善本市基本医疗保险参保关系衔接 二（四）),
 * the Hebei agency's 《联系函》 arrives by post and the Nankai branch completes the transfer-out, posts the 《信息表》 and
 * moves the personal-account balance within 15 working days of the letter (T9, 转移接续管理办法 第九条（二）1); the balance
 * is moved once, in fen (B8); every step reaches her by SMS (N1, 第九条（三）). End to end through the gateway and Kafka.
 */
const NANKAI = '120104';
const SHIJIAZHUANG = '130102'; // 石家庄市长安区
const EMPLOYER_BODY = '91120104MA0T9K201';
const EMPLOYER = EMPLOYER_BODY + creditCodeCheckCharacter(EMPLOYER_BODY);
const BALANCE_FEN = 1_234_567; // 12,345.67 yuan on her Tianjin personal account
const run = randomUUID().slice(0, 8); // correlation ids of this run: the cause of each event

type Transfer = {
  id: string;
  status: string;
  direction: string;
  mode: string;
  kind: string;
  handlingDistrict: string;
  sourceRecordKept: boolean;
  accountMovedFen: number | null;
  dispatchReference: string | null;
  completedOn: string | null;
  receivedContactLetter: { letterNo: string; receivedOn: string } | null;
  infoSheet: {
    issuingAgency: { regionCode: string; name: string };
    receivingAgency: { regionCode: string };
    person: { name: string };
    actualMonths: number;
    cumulativeMonths: number;
    accountBalanceFen: number;
    seal: unknown;
  } | null;
  openStep: { step: string; owner: string; rule: string; from: string; dueOn: string; overdue: boolean } | null;
  timeline: Array<{ action: string; toStatus: string; channel: string; actor: { role: string }; on: string }>;
};
const TRANSFER_FIELDS = `id status direction mode kind handlingDistrict sourceRecordKept accountMovedFen dispatchReference
  completedOn receivedContactLetter { letterNo receivedOn }
  infoSheet { issuingAgency { regionCode name } receivingAgency { regionCode } person { name } actualMonths
    cumulativeMonths accountBalanceFen seal { algorithm } }
  openStep { step owner rule from dueOn overdue }
  timeline { action toStatus channel actor { role } on }`;

const ofPerson = (personId: string, type: string) => (e: CloudEvent) => e.subject === personId && e.type.endsWith(type);

describe('scenario: a Tianjin employee moves to another province and transfers by post', () => {
  // Quiet hours (22:00–08:00) would hold the SMS until morning: they are notification's own rule, proven there.
  const s = useScenario('2024-07-01', { config: { notification: { SMS_QUIET_HOURS: 'off', SMS_POLL_MS: '50' } } });

  it('E7, T9, B8, N1: the employer suspends her relation first (E7); the Hebei letter by post opens the transfer-out, sheet posted and balance sent in fen within 15 working days (T9), once (B8); each step reaches her by SMS (N1)', async () => {
    const probe = await s.probe([
      'relation-suspended',
      'relation-terminated',
      'transfer-status-changed',
      'account-transferred',
    ]);
    try {
      // ── 2024-07-01: she joins a Nankai employer; the Nankai branch registers her, the employer her relation ──
      await s.call('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
        input: { creditCode: EMPLOYER, name: '天津南开精密仪器有限公司', district: NANKAI },
      });
      const idNumber = residentId('19930415', NANKAI, 601 + Math.floor(Math.random() * 300));
      const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        { input: { idNumber, name: '郑雅文', mobile: '13920006601', householdRegion: NANKAI } },
        DISTRICT_STAFF,
      );
      const personId = registerPerson.id;
      const { registerRelation } = await s.call<{ registerRelation: { relation: { id: string; status: string } } }>(
        'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id status } } }',
        {
          input: {
            personId,
            scheme: 'EMPLOYEE',
            employeeCategory: 'EMPLOYER_STAFF',
            regionCode: NANKAI,
            unitCode: EMPLOYER,
            unitName: '天津南开精密仪器有限公司',
            startDate: '2024-07-01',
            channel: 'EMPLOYER_WEB_HALL',
          },
        },
        employerIdentity(EMPLOYER),
      );
      const relationId = registerRelation.relation.id;
      expect(registerRelation.relation.status).toBe('ACTIVE');

      // the tax authority's feed records her employee contributions, year by year (integer fen)
      const contribution = (year: number, paidOn: string, amountFen: number) =>
        s.call(
          'mutation ($input: RecordContributionInput!) { recordContribution(input: $input) { id } }',
          {
            input: {
              personId,
              scheme: 'EMPLOYEE',
              employeeCategory: 'EMPLOYER_STAFF',
              year,
              kind: 'NORMAL',
              amountFen,
              paidOn,
            },
          },
          INTEGRATOR,
        );
      s.clock.date = '2024-12-20';
      await contribution(2024, '2024-12-20', 384_000);
      s.clock.date = '2025-12-19';
      await contribution(2025, '2025-12-19', 768_000);

      // ── 2026-04-15: she has a job offer in Shijiazhuang. E7: the Tianjin employee relation is suspended first ──
      s.clock.date = '2026-04-15';
      const suspend =
        'mutation ($input: ApplySuspensionInput!) { applySuspension(input: $input) { relation { status } } }';
      // she cannot suspend an employer-staff relation herself: the employer does (the employment relation is kept)
      const own = await s.refused(
        suspend,
        { input: { relationId, channel: 'JIN_YIBAO_APP' } },
        personIdentity(personId),
      );
      expect(own[0]!.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'E7' });
      const suspended = await s.act<{ applySuspension: { relation: { status: string } } }>(
        `${run}-employer-suspends`,
        suspend,
        { input: { relationId, channel: 'EMPLOYER_WEB_HALL' } },
        employerIdentity(EMPLOYER),
      );
      expect(suspended.applySuspension.relation.status).toBe('SUSPENDED');
      const suspendedEvent = await probe.waitFor(ofPerson(personId, 'relation-suspended'));
      expect(suspendedEvent).toMatchObject({
        correlationid: `${run}-employer-suspends`,
        data: {
          cause: 'E15',
          channel: 'EMPLOYER_WEB_HALL',
          previousStatus: 'ACTIVE',
          effectiveDate: '2026-04-15',
          coveredUntil: '2026-04-30', // E3: the month of suspension stays covered
          actor: { role: 'EMPLOYER' },
          relation: { relationId, status: 'SUSPENDED', scheme: 'EMPLOYEE' },
        },
      });

      // ── 2026-04-20: she joins the employee scheme in Shijiazhuang; the national platform tells Tianjin ──
      s.clock.date = '2026-04-20';
      const notice = await s.call<{
        recordRegistrationNotice: { notice: { suspended: boolean; why: string | null; insuredTwice: boolean } };
      }>(
        `mutation ($input: RegistrationNoticeInput!) { recordRegistrationNotice(input: $input) {
           notice { suspended why insuredTwice } } }`,
        {
          input: {
            externalId: `NHSA-REG-${run}`,
            idNumber,
            registration: {
              scheme: 'EMPLOYEE',
              employeeCategory: 'EMPLOYER_STAFF',
              regionCode: SHIJIAZHUANG,
              unitName: '石家庄长安智能装备有限公司',
              startDate: '2026-05-01',
              registeredOn: '2026-04-20',
            },
          },
        },
        INTEGRATOR,
      );
      // suspended first, as E7 says: the registration there overlaps nothing active in Tianjin
      expect(notice.recordRegistrationNotice.notice).toEqual({
        suspended: false,
        why: 'NO_OVERLAP',
        insuredTwice: false,
      });

      // ── 2026-04-27 (Mon): the Hebei agency's 《联系函》 arrives by post at the Nankai branch ──
      s.clock.date = '2026-04-27';
      const letter = {
        personId,
        sourceRegion: NANKAI,
        destinationRegion: SHIJIAZHUANG,
        fromScheme: 'EMPLOYEE',
        toScheme: 'EMPLOYEE',
        applicant: { kind: 'PERSON' },
        otherRegion: { status: 'ACTIVE', periodYear: 2026 },
        letter: {
          letterNo: `冀医保联〔2026〕${run}`,
          issuedOn: '2026-04-22',
          issuingAgency: '石家庄市长安区医疗保障局',
          receivedOn: '2026-04-27',
        },
      };
      const RECEIVE = `mutation ($input: ContactLetterReceivedInput!) { recordContactLetterReceived(input: $input) { ${TRANSFER_FIELDS} } }`;
      // T5 (第十条): the source's check is whether the employee relation is terminated; suspended is not enough
      const early = await s.refused(RECEIVE, { input: letter }, DISTRICT_STAFF);
      expect(early[0]!.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T5' });
      const nothing = await s.call<{ person: { transfers: unknown[] } }>(
        'query ($id: ID!) { person(id: $id) { transfers { id } } }',
        { id: personId },
        DISTRICT_STAFF,
      );
      expect(nothing.person.transfers).toEqual([]);
      // the branch terminates the Tianjin employee relation for the transfer-out (终止参保)
      await s.act(
        `${run}-terminate`,
        'mutation ($id: ID!, $reason: ReasonInput!) { terminateRelation(id: $id, reason: $reason) { status } }',
        {
          id: relationId,
          reason: {
            zh: '跨省就业，转出至石家庄市长安区',
            en: 'employment in another province: transfer-out to Shijiazhuang',
          },
        },
        DISTRICT_STAFF,
      );
      const terminated = await probe.waitFor(ofPerson(personId, 'relation-terminated'));
      expect(terminated).toMatchObject({
        correlationid: `${run}-terminate`,
        data: { cause: 'TERMINATION', previousStatus: 'SUSPENDED', relation: { relationId, status: 'TERMINATED' } },
      });
      // the transfer service learns the termination from Kafka (its projection); then the letter is accepted
      const opened = await eventually(
        async () => {
          const r = await s.stack.client.request<{ recordContactLetterReceived: Transfer }>(
            RECEIVE,
            { input: letter },
            DISTRICT_STAFF,
          );
          return r.errors ? undefined : r.data!.recordContactLetterReceived;
        },
        30_000,
        'the letter accepted once the projection holds the termination',
      );
      const transferId = opened.id;
      // T9: 15 working days from the letter's arrival (day 0, Mon 27 Apr): 28–30 Apr, (1–5 May Labour Day), 6–8 May,
      // Sat 9 May (make-up working day), 11–15 May, 18–20 May
      expect(opened).toMatchObject({
        status: 'CONTACT_LETTER_RECEIVED',
        direction: 'OUTBOUND',
        mode: 'POSTAL',
        kind: 'WITHIN_SCHEME',
        handlingDistrict: NANKAI,
        sourceRecordKept: true,
        receivedContactLetter: { letterNo: letter.letter.letterNo, receivedOn: '2026-04-27' },
        openStep: {
          step: 'COMPLETE_TRANSFER_OUT',
          owner: 'AGENCY',
          rule: 'T9',
          from: '2026-04-27',
          dueOn: '2026-05-20',
        },
      });

      // ── 2026-05-11: the branch completes the transfer-out and generates the 《信息表》 from her record ──
      s.clock.date = '2026-05-11';
      const tianjinMonths = 22; // July 2024 – April 2026, April covered to its end (E3)
      const out = await s.act<{ completeTransferOut: Transfer }>(
        `${run}-transfer-out`,
        `mutation ($id: ID!, $sheet: InfoSheetInput!) { completeTransferOut(transferId: $id, infoSheet: $sheet) { ${TRANSFER_FIELDS} } }`,
        {
          id: transferId,
          sheet: {
            periods: [
              {
                from: '2024-07-01',
                to: '2026-04-30',
                scheme: 'EMPLOYEE',
                regionCode: NANKAI,
                unitName: '天津南开精密仪器有限公司',
                months: tianjinMonths,
              },
            ],
            actualMonths: tianjinMonths,
            deemedMonths: 0,
            accountBalanceFen: BALANCE_FEN,
          },
        },
        DISTRICT_STAFF,
      );
      expect(out.completeTransferOut).toMatchObject({
        status: 'TRANSFERRED_OUT',
        infoSheet: {
          issuingAgency: { regionCode: NANKAI },
          receivingAgency: { regionCode: SHIJIAZHUANG },
          person: { name: '郑雅文' },
          actualMonths: tianjinMonths,
          cumulativeMonths: tianjinMonths,
          accountBalanceFen: BALANCE_FEN,
          seal: null, // postal: printed, not sealed
        },
        // one deadline for the three steps of 第九条（二）1
        openStep: { step: 'SEND_INFO_SHEET', rule: 'T9', dueOn: '2026-05-20', overdue: false },
      });
      // the sheet prints (to be posted)
      const printed = await s.call<{ transfer: { document: { contentType: string; base64: string } } }>(
        'query ($id: ID!) { transfer(id: $id) { document(kind: INFO_SHEET) { contentType base64 } } }',
        { id: transferId },
        DISTRICT_STAFF,
      );
      expect(printed.transfer.document.contentType).toBe('application/pdf');
      expect(Buffer.from(printed.transfer.document.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

      // ── 2026-05-12: the printed sheet is posted; 2026-05-13: the balance is sent ──
      s.clock.date = '2026-05-12';
      const posted = await s.act<{ sendInfoSheet: Transfer }>(
        `${run}-post-sheet`,
        `mutation ($id: ID!, $ref: String) { sendInfoSheet(transferId: $id, dispatchReference: $ref) { ${TRANSFER_FIELDS} } }`,
        { id: transferId, ref: `EMS${run}` },
        DISTRICT_STAFF,
      );
      expect(posted.sendInfoSheet).toMatchObject({
        status: 'INFO_SHEET_SENT',
        dispatchReference: `EMS${run}`,
        openStep: { step: 'SEND_BALANCE', dueOn: '2026-05-20' },
      });
      s.clock.date = '2026-05-13';
      const SEND_BALANCE = `mutation ($id: ID!, $fen: Int!) { sendBalance(transferId: $id, amountFen: $fen) { ${TRANSFER_FIELDS} } }`;
      // B8, T9: the money is the sheet's balance to the fen; a different amount is refused and moves nothing
      const wrong = await s.refused(SEND_BALANCE, { id: transferId, fen: BALANCE_FEN + 1 }, DISTRICT_STAFF);
      expect(wrong[0]!.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T9' });
      const sent = await s.act<{ sendBalance: Transfer }>(
        `${run}-send-balance`,
        SEND_BALANCE,
        { id: transferId, fen: BALANCE_FEN },
        DISTRICT_STAFF,
      );
      expect(sent.sendBalance).toMatchObject({
        status: 'COMPLETED',
        accountMovedFen: BALANCE_FEN,
        completedOn: '2026-05-13',
        sourceRecordKept: false,
        openStep: null,
      });
      // never twice: a second sending is out of order
      const again = await s.refused(SEND_BALANCE, { id: transferId, fen: BALANCE_FEN }, DISTRICT_STAFF);
      expect(again[0]!.extensions).toMatchObject({ code: 'CONFLICT', status: 'COMPLETED' });

      // ── Kafka: each step once, in order, with the act that caused it; the money once, in fen ──
      const completed = await probe.waitFor(
        (e) =>
          ofPerson(personId, 'transfer-status-changed')(e) && (e.data as { status: string }).status === 'COMPLETED',
      );
      expect(completed.correlationid).toBe(`${run}-send-balance`);
      const steps = probe.seen(ofPerson(personId, 'transfer-status-changed'));
      expect(steps.map((e) => [e.data, e.correlationid])).toEqual([
        [
          expect.objectContaining({ status: 'CONTACT_LETTER_RECEIVED', previousStatus: null, dueOn: '2026-05-20' }),
          expect.any(String),
        ],
        [
          expect.objectContaining({
            status: 'TRANSFERRED_OUT',
            previousStatus: 'CONTACT_LETTER_RECEIVED',
            dueOn: '2026-05-20',
          }),
          `${run}-transfer-out`,
        ],
        [
          expect.objectContaining({
            status: 'INFO_SHEET_SENT',
            previousStatus: 'TRANSFERRED_OUT',
            dueOn: '2026-05-20',
          }),
          `${run}-post-sheet`,
        ],
        [
          expect.objectContaining({ status: 'COMPLETED', previousStatus: 'INFO_SHEET_SENT', dueOn: null }),
          `${run}-send-balance`,
        ],
      ]);
      for (const e of steps)
        expect(e.data).toMatchObject({
          transferId,
          direction: 'OUTBOUND',
          mode: 'POSTAL',
          actor: { role: 'DISTRICT_STAFF' },
        });

      // ── the graph: relation history, transfer and its record, benefits' account and years, the messages ──
      type View = {
        person: {
          relations: Array<{
            id: string;
            status: string;
            history: Array<{ toStatus: string; cause: string; channel: string | null; coveredUntil: string | null }>;
          }>;
          suspensionApplications: Array<{ applicantKind: string; outcome: string; refusal: { rule: string } | null }>;
          contributions: Array<{ year: number; amountFen: number }>;
          transfers: Transfer[];
          personalAccount: { balanceFen: number; entries: Array<Record<string, unknown>> };
          contributionYears: { actualMonths: number; deemedMonths: number; cumulativeMonths: number };
          messages: Array<{ channel: string; rule: string; template: string; body: string }>;
        };
      };
      const view = await eventually(
        async () => {
          const d = await s.call<View>(
            `query ($id: ID!) { person(id: $id) {
               relations { id status history { toStatus cause channel coveredUntil } }
               suspensionApplications { applicantKind outcome refusal { rule } }
               contributions { year amountFen }
               transfers { ${TRANSFER_FIELDS} }
               personalAccount { balanceFen entries { transferId direction amountFen bookedOn } }
               contributionYears { actualMonths deemedMonths cumulativeMonths }
               messages { channel rule template body } } }`,
            { id: personId },
            personIdentity(personId),
          );
          const sms = d.person.messages.filter((m) => m.channel === 'SMS');
          return d.person.personalAccount.entries.length > 0 && sms.length >= 5 ? d.person : undefined;
        },
        30_000,
        'benefits booked the money and the five SMS were sent',
      );
      // E7 (with E3, E15): suspended by the employer's application, covered to the month's end, then terminated
      const relation = view.relations.find((r) => r.id === relationId)!;
      expect(relation.status).toBe('TERMINATED');
      expect(relation.history).toEqual([
        { toStatus: 'ACTIVE', cause: 'REGISTRATION', channel: 'EMPLOYER_WEB_HALL', coveredUntil: null },
        { toStatus: 'SUSPENDED', cause: 'E15', channel: 'EMPLOYER_WEB_HALL', coveredUntil: '2026-04-30' },
        { toStatus: 'TERMINATED', cause: 'TERMINATION', channel: 'AGENCY_COUNTER', coveredUntil: null },
      ]);
      expect(view.suspensionApplications).toEqual([
        { applicantKind: 'PERSON', outcome: 'REFUSED', refusal: { rule: 'E7' } },
        { applicantKind: 'EMPLOYER', outcome: 'ACCEPTED', refusal: null },
      ]);
      expect(view.contributions.map((c) => [c.year, c.amountFen])).toEqual([
        [2024, 384_000],
        [2025, 768_000],
      ]);
      // T9, T12: her own transfer, read in the app, with every step's record
      const [transfer] = view.transfers;
      expect(view.transfers).toHaveLength(1);
      expect(transfer).toMatchObject({ id: transferId, status: 'COMPLETED', accountMovedFen: BALANCE_FEN });
      expect(transfer!.timeline.map((t) => [t.toStatus, t.channel, t.actor.role, t.on])).toEqual([
        ['CONTACT_LETTER_RECEIVED', 'POST', 'DISTRICT_STAFF', '2026-04-27'],
        ['TRANSFERRED_OUT', 'AGENCY_COUNTER', 'DISTRICT_STAFF', '2026-05-11'],
        ['INFO_SHEET_SENT', 'AGENCY_COUNTER', 'DISTRICT_STAFF', '2026-05-12'],
        ['COMPLETED', 'AGENCY_COUNTER', 'DISTRICT_STAFF', '2026-05-13'],
      ]);
      // B8: one debit of the balance, in fen, booked once
      expect(view.personalAccount.entries).toEqual([
        { transferId, direction: 'OUTBOUND', amountFen: BALANCE_FEN, bookedOn: '2026-05-13' },
      ]);
      expect(view.personalAccount.balanceFen).toBe(0);
      // her Tianjin years as benefits counts them agree with the sheet the branch sent (B3: actual Tianjin months)
      expect(view.contributionYears).toEqual({
        actualMonths: tianjinMonths,
        deemedMonths: 0,
        cumulativeMonths: tianjinMonths,
      });
      // N1: an SMS at each status change and for the money; N2: the same in the app
      const bodies = (template: string) => view.messages.filter((m) => m.template === template);
      expect(bodies('transfer-status-changed:SMS').map((m) => m.rule)).toEqual(['N1', 'N1', 'N1', 'N1']);
      expect(bodies('transfer-status-changed:SMS').map((m) => m.body)).toEqual([
        expect.stringContaining('已收到转入地经办机构的《联系函》'),
        expect.stringContaining('医保关系已从本市转出'),
        expect.stringContaining('《信息表》已寄出'),
        expect.stringContaining('已办结'),
      ]);
      expect(bodies('account-transferred:SMS')).toEqual([
        expect.objectContaining({ rule: 'N1', body: expect.stringContaining('12345.67') }),
      ]);
      expect(bodies('transfer-status-changed:IN_APP')).toHaveLength(4);
      expect(bodies('account-transferred:IN_APP')).toHaveLength(1);

      // B8 on Kafka: one account-transferred, caused by the sending, whatever was tried after
      const money = probe.seen(ofPerson(personId, 'account-transferred'));
      expect(money).toHaveLength(1);
      expect(money[0]).toMatchObject({
        correlationid: `${run}-send-balance`,
        data: { transferId, direction: 'OUTBOUND', mode: 'POSTAL', amountFen: BALANCE_FEN, on: '2026-05-13' },
      });

      // B8 whatever the redeliveries: Kafka delivers the very same message again; a marker follows it on the same
      // partition (same topic and key), so once both consumers show the marker they have passed the redelivery
      const original = probe.received.find((r) => r.event.id === money[0]!.id)!.message;
      const publisher = new TestPublisher();
      try {
        await publisher.kafka.publish([{ topic: 'account-transferred', key: original.key!, value: original.value! }]);
        const marker = await publisher.publish(
          'account-transferred',
          personId,
          {
            ...(money[0]!.data as EventData<'account-transferred'>),
            transferId: randomUUID(),
            mode: 'ONLINE',
            amountFen: 0,
          },
          { service: 'transfer' },
        );
        const settled = await eventually(
          async () => {
            const d = await s.call<View>(
              `query ($id: ID!) { person(id: $id) {
                 personalAccount { balanceFen entries { transferId direction amountFen bookedOn } }
                 messages { channel rule template body } } }`,
              { id: personId },
            );
            const markerSeen =
              d.person.personalAccount.entries.some((e) => e.transferId === marker.data.transferId) &&
              d.person.messages.filter((m) => m.template === 'account-transferred:IN_APP').length === 2;
            return markerSeen ? d.person : undefined;
          },
          30_000,
          'benefits and notification passed the redelivery and the marker',
        );
        expect(settled.personalAccount.entries.filter((e) => e.transferId === transferId)).toHaveLength(1);
        expect(settled.personalAccount.balanceFen).toBe(0);
        expect(settled.messages.filter((m) => m.template === 'account-transferred:SMS')).toHaveLength(1);
      } finally {
        await publisher.disconnect();
      }
    } finally {
      await probe.stop();
    }
  });
});
