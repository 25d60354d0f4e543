import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter, type CloudEvent } from '@yibao/shared';
import { DISTRICT_STAFF, INTEGRATOR, employerIdentity, eventually, personIdentity, residentId } from '@yibao/test-kit';
import { useScenario } from './support';

/**
 * An employee from Zhengzhou takes a job in Nankai and brings her medical insurance online (issue 10): the Zhengzhou
 * employee relation must end there before the Tianjin registration (E8, 关于完善本市基本医疗保险参保关系衔接 二（五）); the
 * employer applies through the national platform, the platform delivers the Zhengzhou 《信息表》 and the Nankai branch
 * completes the transfer-in within 5 working days and credits the money on receipt (T7, 转移接续管理办法 第八条（三）2);
 * her Zhengzhou employee years become Tianjin deemed years and her earlier Tianjin years count again as actual ones,
 * each month once (B3, B4, 第十三条、第十四条); she follows the progress in the app (T8, N2). Through the gateway and Kafka.
 */
const NANKAI = '120104';
const ZHENGZHOU = '410105'; // 郑州市金水区
const EMPLOYER_BODY = '91120104MA0T9K202';
const EMPLOYER = EMPLOYER_BODY + creditCodeCheckCharacter(EMPLOYER_BODY);
const ZHENGZHOU_EMPLOYER_BODY = '91410105MA9GJ0001';
const ZHENGZHOU_EMPLOYER = ZHENGZHOU_EMPLOYER_BODY + creditCodeCheckCharacter(ZHENGZHOU_EMPLOYER_BODY);
const BALANCE_FEN = 1_286_450; // 12,864.50 yuan on her Zhengzhou personal account
const run = randomUUID().slice(0, 8);

/** Calendar months from `from` to `to` (YYYY-MM-DD), both counted. */
const monthsIn = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

// the Zhengzhou sheet: her first Tianjin job (carried to Zhengzhou when she left, now coming back) and her Zhengzhou job
const EARLIER_TIANJIN = { from: '2016-07-01', to: '2018-12-31', scheme: 'EMPLOYEE', regionCode: NANKAI };
const IN_ZHENGZHOU = { from: '2019-01-01', to: '2026-08-31', scheme: 'EMPLOYEE', regionCode: ZHENGZHOU };

type Transfer = {
  id: string;
  status: string;
  direction: string;
  mode: string;
  channel: string;
  applicant: { kind: string; unitCode: string | null };
  accountMovedFen: number | null;
  completedOn: string | null;
  infoSheet: { mode: string; actualMonths: number; deemedMonths: number; accountBalanceFen: number } | null;
  openStep: { step: string; owner: string; rule: string; from: string | null; dueOn: string | null } | null;
  timeline: Array<{ action: string; toStatus: string; channel: string; actor: { role: string }; on: string }>;
};
const TRANSFER_FIELDS = `id status direction mode channel applicant { kind unitCode } accountMovedFen completedOn
  infoSheet { mode actualMonths deemedMonths accountBalanceFen }
  openStep { step owner rule from dueOn }
  timeline { action toStatus channel actor { role } on }`;

const ofPerson = (personId: string, type: string) => (e: CloudEvent) => e.subject === personId && e.type.endsWith(type);

describe('scenario: an employee from another province moves to Tianjin and transfers online', () => {
  const s = useScenario('2026-09-01');

  it('E8, T7, B3: her Zhengzhou employee relation ends there before the Tianjin registration (E8); the platform brings the sheet and the branch completes within 5 working days, money credited once (T7); Zhengzhou years become deemed, earlier Tianjin years actual, each month once (B3)', async () => {
    const probe = await s.probe([
      'relation-registered',
      'relation-terminated',
      'transfer-status-changed',
      'account-transferred',
    ]);
    try {
      // ── 2026-09-01: the Nankai employer brings its new hire to the branch ──
      await s.call('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
        input: { creditCode: EMPLOYER, name: '天津南开云数据服务有限公司', district: NANKAI },
      });
      const idNumber = residentId('19940302', ZHENGZHOU, 501 + Math.floor(Math.random() * 400));
      const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        {
          input: {
            idNumber,
            name: '冯思琪',
            mobile: '13920007702',
            householdRegion: ZHENGZHOU,
            residenceRegion: NANKAI,
          },
        },
        DISTRICT_STAFF,
      );
      const personId = registerPerson.id;
      // the national platform reports her employee relation in Zhengzhou, still active
      const REGISTER =
        'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id status } } }';
      const zhengzhou = await s.call<{ registerRelation: { relation: { id: string; status: string } } }>(
        REGISTER,
        {
          input: {
            personId,
            scheme: 'EMPLOYEE',
            employeeCategory: 'EMPLOYER_STAFF',
            regionCode: ZHENGZHOU,
            unitCode: ZHENGZHOU_EMPLOYER,
            unitName: '郑州金水软件有限公司',
            startDate: IN_ZHENGZHOU.from,
            channel: 'NATIONAL_PLATFORM',
          },
        },
        INTEGRATOR,
      );
      const zhengzhouRelationId = zhengzhou.registerRelation.relation.id;
      const tianjinInput = {
        personId,
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        regionCode: NANKAI,
        unitCode: EMPLOYER,
        unitName: '天津南开云数据服务有限公司',
        startDate: '2026-09-07',
        channel: 'EMPLOYER_WEB_HALL',
      };
      // E8: an employee relation elsewhere must be suspended there first; the refusal says so and writes nothing
      const refused = await s.refused(REGISTER, { input: tianjinInput }, employerIdentity(EMPLOYER));
      expect(refused[0]!.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'E8' });

      // ── 2026-09-04: Zhengzhou ends her relation there (终止参保, so it may be transferred: 第六条); the national
      //    platform reports it ──
      s.clock.date = '2026-09-04';
      await s.act(
        `${run}-ended-there`,
        'mutation ($id: ID!, $reason: ReasonInput!) { terminateRelation(id: $id, reason: $reason) { status } }',
        {
          id: zhengzhouRelationId,
          reason: {
            zh: '国家医保信息平台：郑州市金水区已终止职工医保参保关系',
            en: 'national platform: the employee relation in Zhengzhou Jinshui was terminated there',
          },
        },
        INTEGRATOR,
      );
      const endedThere = await probe.waitFor(ofPerson(personId, 'relation-terminated'));
      expect(endedThere).toMatchObject({
        correlationid: `${run}-ended-there`,
        data: {
          cause: 'TERMINATION',
          channel: 'NATIONAL_PLATFORM',
          actor: { role: 'INTEGRATOR' },
          relation: { relationId: zhengzhouRelationId, regionCode: ZHENGZHOU },
        },
      });

      // ── 2026-09-07 (Mon): the employer registers her in Tianjin: E8 is satisfied ──
      s.clock.date = '2026-09-07';
      const tianjin = await s.act<{ registerRelation: { relation: { id: string; status: string } } }>(
        `${run}-register`,
        REGISTER,
        { input: tianjinInput },
        employerIdentity(EMPLOYER),
      );
      expect(tianjin.registerRelation.relation.status).toBe('ACTIVE');
      const tianjinRelationId = tianjin.registerRelation.relation.id;
      const registered = await probe.waitFor(
        (e) =>
          ofPerson(personId, 'relation-registered')(e) &&
          (e.data as { relation: { relationId: string } }).relation.relationId === tianjinRelationId,
      );
      expect(registered.correlationid).toBe(`${run}-register`);

      // ── 2026-09-08: the employer applies online through the national platform (T4: the employer for its staff) ──
      s.clock.date = '2026-09-08';
      const APPLY = `mutation ($input: TransferApplicationInput!) { applyForTransfer(input: $input) { ${TRANSFER_FIELDS} } }`;
      const application = {
        personId,
        sourceRegion: ZHENGZHOU,
        destinationRegion: NANKAI,
        mode: 'ONLINE',
        fromScheme: 'EMPLOYEE',
        toScheme: 'EMPLOYEE',
        channel: 'NATIONAL_PLATFORM',
        applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER },
        externalId: `NHSA-TR-${run}`,
      };
      // T5 reads both sides from the projection of enrollment's events: wait until it holds the registration
      const applied = await eventually(
        async () => {
          const r = await s.stack.client.request<{ applyForTransfer: Transfer }>(
            APPLY,
            { input: application },
            INTEGRATOR,
          );
          return r.errors ? undefined : r.data!.applyForTransfer;
        },
        30_000,
        'the online application accepted once the projection holds both relations',
      );
      const transferId = applied.id;
      expect(applied).toMatchObject({
        status: 'ACCEPTED',
        direction: 'INBOUND',
        mode: 'ONLINE',
        channel: 'NATIONAL_PLATFORM',
        applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER },
        // waiting for Zhengzhou's sheet: no Tianjin deadline yet
        openStep: { step: 'AWAIT_INFO_SHEET', owner: 'OTHER_REGION', dueOn: null },
      });
      // the platform redelivers its application: the same transfer, nothing new
      const redelivered = await s.call<{ applyForTransfer: { id: string } }>(
        'mutation ($input: TransferApplicationInput!) { applyForTransfer(input: $input) { id } }',
        { input: application },
        INTEGRATOR,
      );
      expect(redelivered.applyForTransfer.id).toBe(transferId);

      // ── 2026-09-28 (Mon): the platform delivers Zhengzhou's 《信息表》 ──
      s.clock.date = '2026-09-28';
      const zhengzhouMonths = monthsIn(IN_ZHENGZHOU.from, IN_ZHENGZHOU.to);
      const earlierMonths = monthsIn(EARLIER_TIANJIN.from, EARLIER_TIANJIN.to);
      const received = await s.act<{ receivePlatformInfoSheet: Transfer }>(
        `${run}-sheet`,
        `mutation ($id: ID!, $sheet: InfoSheetInput!) { receivePlatformInfoSheet(transferId: $id, infoSheet: $sheet) { ${TRANSFER_FIELDS} } }`,
        {
          id: transferId,
          sheet: {
            sheetNo: `豫医保信〔2026〕${run}`,
            issuedOn: '2026-09-25',
            issuingAgencyName: '郑州市金水区医疗保障局',
            periods: [
              { ...EARLIER_TIANJIN, unitName: '天津海河电子有限公司', months: earlierMonths },
              { ...IN_ZHENGZHOU, unitName: '郑州金水软件有限公司', months: zhengzhouMonths },
            ],
            // Zhengzhou's own count: its months actual, the months brought from Tianjin deemed there
            actualMonths: zhengzhouMonths,
            deemedMonths: earlierMonths,
            accountBalanceFen: BALANCE_FEN,
          },
        },
        INTEGRATOR,
      );
      // T7: 5 working days from the sheet's arrival (day 0, Mon 28 Sep): 29, 30 Sep, (1–7 Oct National Day), 8, 9 Oct,
      // Sat 10 Oct (make-up working day)
      expect(received.receivePlatformInfoSheet).toMatchObject({
        status: 'INFO_SHEET_RECEIVED',
        infoSheet: { mode: 'ONLINE', accountBalanceFen: BALANCE_FEN },
        openStep: {
          step: 'COMPLETE_TRANSFER_IN',
          owner: 'AGENCY',
          rule: 'T7',
          from: '2026-09-28',
          dueOn: '2026-10-10',
        },
      });
      // T8: she follows the progress herself in the app (online mode)
      const progress = await s.call<{ person: { transfers: Array<{ status: string; openStep: { dueOn: string } }> } }>(
        'query ($id: ID!) { person(id: $id) { transfers { status openStep { dueOn } } } }',
        { id: personId },
        personIdentity(personId),
      );
      expect(progress.person.transfers).toEqual([{ status: 'INFO_SHEET_RECEIVED', openStep: { dueOn: '2026-10-10' } }]);

      // ── 2026-10-09 (Fri): the Nankai branch checks the sheet and completes the transfer-in ──
      s.clock.date = '2026-10-09';
      const transferredIn = await s.act<{ completeTransferIn: Transfer }>(
        `${run}-transfer-in`,
        `mutation ($id: ID!) { completeTransferIn(transferId: $id) { ${TRANSFER_FIELDS} } }`,
        { id: transferId },
        DISTRICT_STAFF,
      );
      expect(transferredIn.completeTransferIn).toMatchObject({
        status: 'TRANSFERRED_IN',
        openStep: { step: 'AWAIT_ACCOUNT_MONEY', owner: 'OTHER_REGION', dueOn: null },
      });

      // B3 before the sheet's periods reach benefits: her Zhengzhou relation alone earns no Tianjin years
      type Years = {
        actualMonths: number;
        deemedMonths: number;
        cumulativeMonths: number;
        overlapMonths: number;
        explanation: Array<{ rule: string }>;
      };
      type Continuity = { continuousMonths: number; gapMonths: number; lapsed: boolean };
      const yearsOf = async () =>
        (
          await s.call<{ person: { contributionYears: Years; continuity: Continuity } }>(
            `query ($id: ID!) { person(id: $id) {
               contributionYears { actualMonths deemedMonths cumulativeMonths overlapMonths explanation { rule } }
               continuity { continuousMonths gapMonths lapsed } } }`,
            { id: personId },
            DISTRICT_STAFF,
          )
        ).person;
      const before = await eventually(
        async () => {
          const y = await yearsOf();
          return y.contributionYears.actualMonths > 0 ? y : undefined;
        },
        30_000,
        'benefits knows her Tianjin relation',
      );
      const tianjinMonths = monthsIn('2026-09-07', '2026-10-09'); // September and October, actual
      expect(before.contributionYears).toMatchObject({ actualMonths: tianjinMonths, deemedMonths: 0 });
      // benefits accepts a sheet only for a transfer whose events it has received (transfer-status-changed): wait for
      // them, as the branch's screen does, rather than race the consumer
      await eventually(
        async () =>
          (
            (await s.stack.services.benefits.runtime.dataSource.query(
              'SELECT 1 FROM transfer_fact WHERE transfer_id = $1',
              [transferId],
            )) as unknown[]
          ).length > 0,
        30_000,
        'benefits knows the transfer',
      );
      // the branch enters the sheet's periods for benefits (B3; transfer events carry no periods)
      await s.call(
        'mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { actualMonths } }',
        { input: { transferId, periods: [EARLIER_TIANJIN, IN_ZHENGZHOU] } },
        DISTRICT_STAFF,
      );
      const after = await yearsOf();
      // B3: Zhengzhou's employee months are Tianjin deemed months; the earlier Tianjin months count again as actual.
      // B4: the Zhengzhou months reported by both the platform's relation and the sheet, and September (Zhengzhou
      // relation and Tianjin relation), count once.
      expect(after.contributionYears).toMatchObject({
        actualMonths: earlierMonths + tianjinMonths,
        deemedMonths: zhengzhouMonths,
        cumulativeMonths: earlierMonths + tianjinMonths + zhengzhouMonths,
        overlapMonths: monthsIn(IN_ZHENGZHOU.from, '2026-09-04'),
      });
      expect(new Set(after.contributionYears.explanation.map((x) => x.rule))).toEqual(new Set(['B3', 'B4']));
      // the years brought in count toward her continuity (no gap since 2016)
      expect(after.continuity.gapMonths).toBe(0);
      expect(after.continuity.lapsed).toBe(false);
      expect(after.continuity.continuousMonths).toBeGreaterThan(before.continuity.continuousMonths);
      expect(after.continuity.continuousMonths - before.continuity.continuousMonths).toBe(earlierMonths);

      // ── 2026-10-20: Zhengzhou's money arrives by bank; checked against the sheet, credited once (T7, B8) ──
      s.clock.date = '2026-10-20';
      const CREDIT = `mutation ($id: ID!, $fen: Int!) { creditAccount(transferId: $id, amountFen: $fen) { ${TRANSFER_FIELDS} } }`;
      const short = await s.refused(CREDIT, { id: transferId, fen: BALANCE_FEN - 50 }, DISTRICT_STAFF);
      expect(short[0]!.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'T7' });
      const credited = await s.act<{ creditAccount: Transfer }>(
        `${run}-credit`,
        CREDIT,
        { id: transferId, fen: BALANCE_FEN },
        DISTRICT_STAFF,
      );
      expect(credited.creditAccount).toMatchObject({
        status: 'COMPLETED',
        accountMovedFen: BALANCE_FEN,
        completedOn: '2026-10-20',
        openStep: null,
      });
      const twice = await s.refused(CREDIT, { id: transferId, fen: BALANCE_FEN }, DISTRICT_STAFF);
      expect(twice[0]!.extensions).toMatchObject({ code: 'CONFLICT' });

      // ── Kafka: each step once, in order, ONLINE, with the act that caused it; the money once ──
      await probe.waitFor(
        (e) =>
          ofPerson(personId, 'transfer-status-changed')(e) && (e.data as { status: string }).status === 'COMPLETED',
      );
      const steps = probe.seen(ofPerson(personId, 'transfer-status-changed'));
      expect(steps.map((e) => [(e.data as { status: string }).status, e.correlationid])).toEqual([
        ['ACCEPTED', expect.any(String)],
        ['INFO_SHEET_RECEIVED', `${run}-sheet`],
        ['TRANSFERRED_IN', `${run}-transfer-in`],
        ['COMPLETED', `${run}-credit`],
      ]);
      for (const e of steps) expect(e.data).toMatchObject({ transferId, direction: 'INBOUND', mode: 'ONLINE' });
      expect(steps.map((e) => (e.data as { actor: { role: string } }).actor.role)).toEqual([
        'INTEGRATOR',
        'INTEGRATOR',
        'DISTRICT_STAFF',
        'DISTRICT_STAFF',
      ]);
      expect(steps.map((e) => (e.data as { dueOn: string | null }).dueOn)).toEqual([null, '2026-10-10', null, null]);

      // ── the graph: relations, the transfer and its record, benefits' account and years, her messages ──
      type View = {
        person: {
          relations: Array<{ id: string; regionCode: string; status: string; history: Array<{ cause: string }> }>;
          transfers: Transfer[];
          personalAccount: { balanceFen: number; entries: Array<Record<string, unknown>> };
          messages: Array<{ channel: string; rule: string; template: string; title: string }>;
        };
      };
      const view = await eventually(
        async () => {
          const d = await s.call<View>(
            `query ($id: ID!) { person(id: $id) {
               relations { id regionCode status history { cause } }
               transfers { ${TRANSFER_FIELDS} }
               personalAccount { balanceFen entries { transferId direction amountFen bookedOn } }
               messages { channel rule template title } } }`,
            { id: personId },
            personIdentity(personId),
          );
          const done = d.person.messages.filter((m) => m.template === 'transfer-status-changed:IN_APP');
          return d.person.personalAccount.entries.length > 0 &&
            done.length >= 4 &&
            d.person.messages.some((m) => m.template === 'account-transferred:IN_APP')
            ? d.person
            : undefined;
        },
        30_000,
        'benefits booked the credit and the app shows the four steps and the money',
      );
      // E8: the Zhengzhou relation ended there before the Tianjin one began
      expect(view.relations.map((r) => [r.id, r.regionCode, r.status, r.history.map((h) => h.cause)])).toEqual([
        [zhengzhouRelationId, ZHENGZHOU, 'TERMINATED', ['REGISTRATION', 'TERMINATION']],
        [tianjinRelationId, NANKAI, 'ACTIVE', ['REGISTRATION']],
      ]);
      // T7, T12: the platform's and the branch's steps, each on the rights record with its channel
      expect(view.transfers).toHaveLength(1);
      expect(view.transfers[0]!.timeline.map((t) => [t.toStatus, t.channel, t.actor.role, t.on])).toEqual([
        ['ACCEPTED', 'NATIONAL_PLATFORM', 'INTEGRATOR', '2026-09-08'],
        ['INFO_SHEET_RECEIVED', 'NATIONAL_PLATFORM', 'INTEGRATOR', '2026-09-28'],
        ['TRANSFERRED_IN', 'AGENCY_COUNTER', 'DISTRICT_STAFF', '2026-10-09'],
        ['COMPLETED', 'AGENCY_COUNTER', 'DISTRICT_STAFF', '2026-10-20'],
      ]);
      // B8: credited once, in fen
      expect(view.personalAccount).toEqual({
        balanceFen: BALANCE_FEN,
        entries: [{ transferId, direction: 'INBOUND', amountFen: BALANCE_FEN, bookedOn: '2026-10-20' }],
      });
      // T8, N2: online progress is in the app; no SMS for an online transfer
      const transferMessages = view.messages.filter((m) => m.template.startsWith('transfer-status-changed'));
      expect(transferMessages.map((m) => [m.channel, m.rule])).toEqual([
        ['IN_APP', 'N2'],
        ['IN_APP', 'N2'],
        ['IN_APP', 'N2'],
        ['IN_APP', 'N2'],
      ]);
      expect(view.messages.filter((m) => m.template.startsWith('account-transferred'))).toEqual([
        expect.objectContaining({ channel: 'IN_APP', rule: 'N2' }),
      ]);
      const money = probe.seen(ofPerson(personId, 'account-transferred'));
      expect(money).toHaveLength(1);
      expect(money[0]).toMatchObject({
        correlationid: `${run}-credit`,
        data: { transferId, direction: 'INBOUND', mode: 'ONLINE', amountFen: BALANCE_FEN, on: '2026-10-20' },
      });
    } finally {
      await probe.stop();
    }
  });
});
