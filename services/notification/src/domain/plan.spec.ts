import type { EventData } from '@yibao/shared';
import { planMessages, yuan, type PlannedMessage } from './plan';
import { renderTemplate } from './render';
import { catalogue } from './templates';

const PERSON = '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d11';
const TRANSFER = '5f2c9a1e-0b3d-4c7e-9f10-2c6a3f1f7d13';
const templates = catalogue();
const actor = { subject: 'clerk', role: 'CITY_STAFF' };

const relation: EventData<'relation-registered'>['relation'] = {
  relationId: '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d12',
  personId: PERSON,
  scheme: 'RESIDENT',
  employeeCategory: null,
  residentCategory: 'HOUSEHOLD',
  schoolLevel: null,
  retired: false,
  regionCode: '120104',
  unitCode: 'HH120104001',
  unitName: '南开区家庭虚拟户',
  periodYear: 2026,
  startDate: '2026-01-01',
  endDate: null,
  status: 'ACTIVE',
};

function suspended(
  cause: string,
  over: Partial<EventData<'relation-suspended'>> = {},
): EventData<'relation-suspended'> {
  return {
    relation: { ...relation, status: 'SUSPENDED', endDate: '2026-12-31' },
    previousStatus: 'ACTIVE',
    cause,
    reason: { zh: '未缴纳下一年度居民医保费', en: 'next year not paid' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor,
    changedAt: '2026-12-31T16:00:00.000Z',
    ...over,
  };
}

function transferStep(over: Partial<EventData<'transfer-status-changed'>> = {}): EventData<'transfer-status-changed'> {
  return {
    transferId: TRANSFER,
    personId: PERSON,
    direction: 'INBOUND',
    mode: 'POSTAL',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: '130100',
    destinationRegion: '120104',
    status: 'CONTACT_LETTER_SENT',
    previousStatus: 'ACCEPTED',
    dueOn: '2026-12-22',
    actor,
    changedAt: '2026-12-01T02:00:00.000Z',
    ...over,
  };
}

/** Renders a planned message with the built-in catalogue, failing the test on a template problem. */
function text(m: PlannedMessage) {
  const r = renderTemplate(templates.get(m.template)!, m.variables);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const summary = (ms: PlannedMessage[]) => ms.map((m) => `${m.channel} ${m.rule}`);

describe('N1 — postal-mode transfers: an SMS at each status change (T8)', () => {
  it.each([
    'ACCEPTED',
    'CONTACT_LETTER_SENT',
    'INFO_SHEET_RECEIVED',
    'TRANSFERRED_IN',
    'COMPLETED',
    'CANCELLED',
  ] as const)('N1: a postal transfer moving to %s sends the person an SMS, and an in-app message (N2)', (status) => {
    const planned = planMessages('transfer-status-changed', transferStep({ status }));
    expect(summary(planned)).toEqual(['IN_APP N2', 'SMS N1']);
    expect(planned[1]).toMatchObject({ template: 'transfer-status-changed:SMS', personId: PERSON, urgent: false });
    expect(text(planned[1]!).body.zh).toMatch(/^您的医保关系转移接续（由河北省石家庄市转入本市）/);
  });

  it('N1: the SMS names the step and the next due date, in Chinese and English', () => {
    const sms = text(planMessages('transfer-status-changed', transferStep())[1]!);
    expect(sms.body.zh).toBe(
      '您的医保关系转移接续（由河北省石家庄市转入本市）《联系函》已开具并寄往转出地经办机构。下一环节应于 2026-12-22 前办结。',
    );
    expect(sms.body.en).toBe(
      'Your medical insurance transfer (into Tianjin from 130100): the contact letter was issued and posted to the source region. The next step is due by 2026-12-22.',
    );
  });

  it('N1: without a next due date the sentence is left out, not rendered empty or refused', () => {
    const sms = text(planMessages('transfer-status-changed', transferStep({ status: 'COMPLETED', dueOn: null }))[1]!);
    expect(sms.body.zh).toBe('您的医保关系转移接续（由河北省石家庄市转入本市）已办结。');
  });

  it('N1: the personal-account money of a postal transfer is a step too: SMS, amount in yuan from fen', () => {
    const planned = planMessages('account-transferred', {
      ...transferStep(),
      amountFen: 1234567,
      on: '2026-12-20',
    });
    expect(summary(planned)).toEqual(['IN_APP N2', 'SMS N1']);
    expect(text(planned[1]!).body.zh).toContain('12345.67 元已于 2026-12-20 记入您的个人账户');
  });

  it('N1: an outbound postal transfer is the source district’s, and says where the money went', () => {
    const planned = planMessages('account-transferred', {
      ...transferStep({ direction: 'OUTBOUND', sourceRegion: '120116', destinationRegion: '310115' }),
      amountFen: 5,
      on: '2026-12-20',
    });
    expect(planned[1]!.district).toBe('120116');
    expect(text(planned[1]!).body.zh).toContain('由本市转出至上海市浦东新区');
    expect(text(planned[1]!).body.zh).toContain('0.05 元已于 2026-12-20 划转至转入地');
  });
});

describe('N2 — online transfers and every relation change: an in-app message the person can query', () => {
  it('N2: an online transfer step is an in-app message only (the person queries the platform, T8)', () => {
    const planned = planMessages('transfer-status-changed', transferStep({ mode: 'ONLINE' }));
    expect(summary(planned)).toEqual(['IN_APP N2']);
    expect(text(planned[0]!).title.zh).toBe('转移接续进度：《联系函》已开具并寄往转出地经办机构');
    expect(planned[0]!.district).toBe('120104');
  });

  it('N2: the registration message names the person and masks the ID number', () => {
    const [m] = planMessages('person-registered', {
      personId: PERSON,
      idType: 'RESIDENT_ID',
      idNumber: '11010519491231002X',
      name: '张三',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      mobile: '13812345678',
      householdRegion: '120104',
      registeredAt: '2026-11-23T23:30:00.000Z',
    });
    const t = text(m!);
    expect(t.body.zh).toBe('张三（证件号 1101**********002X）的参保人信息已于 2026-11-24 在天津市医保经办机构登记。');
    expect(JSON.stringify(m)).not.toContain('11010519491231002X');
  });

  it('N2: every relation change gets an in-app message (registered, suspended on application, resumed, terminated)', () => {
    expect(
      summary(planMessages('relation-registered', { relation, actor, registeredAt: '2026-03-02T01:00:00Z' })),
    ).toEqual(['IN_APP N2']);
    const own = planMessages('relation-suspended', suspended('E15', { reason: { zh: '本人申请', en: 'application' } }));
    expect(summary(own)).toEqual(['IN_APP N2']);
    expect(text(own[0]!).body.zh).toBe('您的居民医保（南开区家庭虚拟户）参保关系已于 2026-12-31 暂停（本人申请）。');
    const change = { ...suspended('E14'), reason: { zh: '已登记身份证号码', en: 'ID recorded' } };
    expect(summary(planMessages('relation-resumed', change))).toEqual(['IN_APP N2']);
    expect(summary(planMessages('relation-terminated', change))).toEqual(['IN_APP N2']);
  });

  it('N2: an employee suspension says until when employee benefits continue (E3)', () => {
    const [m] = planMessages('relation-suspended', {
      ...suspended('E15'),
      relation: { ...relation, scheme: 'EMPLOYEE', unitName: null, residentCategory: null },
      coveredUntil: '2026-12-31',
    });
    expect(text(m!).body.en).toBe(
      'Your employee scheme insurance relation was suspended on 2026-12-31 (next year not paid); employee benefits continue until 2026-12-31.',
    );
  });

  it('N2: consents, contributions, refunds, identity and benefit changes reach the person in the app', () => {
    const contribution = {
      contributionId: TRANSFER,
      personId: PERSON,
      scheme: 'RESIDENT' as const,
      employeeCategory: null,
      year: 2027,
      kind: 'NORMAL' as const,
      amountFen: 38000,
      paidOn: '2026-11-20',
    };
    const all = [
      ...planMessages('consent-signed', {
        consentId: TRANSFER,
        personId: PERSON,
        originalUnitCode: null,
        originalUnitName: null,
        newUnitCode: null,
        newUnitName: null,
        channel: 'COUNTER',
        signedAt: '2026-05-01T02:00:00Z',
      }),
      ...planMessages('contribution-recorded', contribution),
      ...planMessages('contribution-refunded', { ...contribution, refundedOn: '2026-11-25' }),
      ...planMessages('person-updated', {
        personId: PERSON,
        idType: 'RESIDENT_ID',
        idNumber: '12010420260101123X',
        gender: null,
        birthDate: '2026-01-01',
        previous: { idType: 'BIRTH_CERTIFICATE', idNumber: 'M120000001' },
        cause: 'E14',
        actor,
        updatedAt: '2026-08-01T02:00:00Z',
      }),
      ...planMessages('benefit-status-changed', {
        personId: PERSON,
        status: 'SUSPENDED',
        previousStatus: 'COVERED',
        effectiveDate: '2026-07-31',
        rule: 'E14',
        reason: { zh: '新生儿超过 180 天未登记身份证号码', en: 'no ID number 180 days after birth' },
        changedAt: '2026-07-31T16:00:00Z',
      }),
    ];
    expect(summary(all)).toEqual(['IN_APP N2', 'IN_APP N2', 'IN_APP N2', 'IN_APP N2', 'IN_APP N2']);
    const texts = all.map((m) => text(m).body.zh);
    expect(texts[0]).toBe(
      '您已于 2026-05-01 在经办窗口签署《知情同意书》，授权医保部门在新的参保登记完成后自动暂停原参保关系。',
    );
    expect(texts[1]).toBe('您 2027 年度居民医保缴费 380.00 元已于 2026-11-20 到账。');
    expect(texts[3]).toBe('您的证件信息已于 2026-08-01 变更，现登记的证件为居民身份证（1201**********123X）。');
    expect(texts[4]).toBe(
      '自 2026-07-31 起，您的医保待遇状态由“正常享受”变更为“暂停享受”（新生儿超过 180 天未登记身份证号码）。',
    );
  });
});

describe('N3 — batch suspensions (E12–E14) and the lapse warning (E13) reach the person', () => {
  it.each(['E12', 'E13', 'E14'])('N3: a %s batch suspension reaches the person in the app and by SMS', (cause) => {
    const planned = planMessages('relation-suspended', suspended(cause));
    expect(summary(planned)).toEqual(['IN_APP N3', 'SMS N3']);
    expect(text(planned[1]!).body.zh).toMatch(/^您的居民医保（南开区家庭虚拟户）参保关系已于 2026-12-31 暂停/);
  });

  it('N3: the year-end SMS says what to do next, and waits for the end of quiet hours (not urgent)', () => {
    const [inApp, sms] = planMessages('relation-suspended', suspended('E13'));
    expect(text(inApp!).body.zh).toMatch(/待遇等待期/);
    expect(sms!.urgent).toBe(false);
  });

  it('N3: the newborn SMS (E14: the child’s benefits stop) is urgent: it goes out during quiet hours', () => {
    expect(planMessages('relation-suspended', suspended('E14'))[1]!.urgent).toBe(true);
  });

  it('N3: the E13 lapse warning of a re-enrolment reaches the person with the lapse years', () => {
    const planned = planMessages('relation-registered', {
      relation,
      actor,
      registeredAt: '2026-03-02T01:00:00.000Z',
      warnings: [
        {
          rule: 'E13',
          message: { zh: '断保', en: 'lapse' },
          lapse: {
            lapseYears: [2024, 2025],
            lastCoveredOn: '2023-12-31',
            resumesOn: '2026-03-02',
            outsideCentralisedPeriod: true,
          },
        },
      ],
    });
    expect(summary(planned)).toEqual(['IN_APP N2', 'IN_APP N3']);
    expect(text(planned[1]!).body.zh).toContain('您2024、2025 年未参保（断保），本次自 2026-03-02 起重新参保');
  });

  it('N3: a waiting period after a lapse is told in the app with its explanation, and by SMS', () => {
    const planned = planMessages('waiting-period-assigned', {
      personId: PERSON,
      relationId: null,
      scheme: 'RESIDENT',
      assignedOn: '2026-03-02',
      lapsed: true,
      lapseMonths: 26,
      fixedMonths: 3,
      variableMonths: 2,
      repairedMonths: 1,
      waitingMonths: 4,
      exemption: null,
      coveredFrom: '2026-07-02',
      explanation: [
        { zh: '断保 26 个月', en: 'lapse of 26 months' },
        { zh: '固定等待期 3 个月', en: 'fixed waiting period 3 months' },
      ],
      parameters: [],
    });
    expect(summary(planned)).toEqual(['IN_APP N3', 'SMS N3']);
    expect(text(planned[0]!).body.zh).toBe(
      '您的居民医保待遇自 2026-07-02 起享受。因断保 26 个月，待遇等待期为 4 个月（固定 3 + 变动 2 − 修复 1）。计算过程：断保 26 个月；固定等待期 3 个月',
    );
  });

  it('N3: a waiting period without a gap (enrolled outside the centralised period, B7) gives that reason, not "a lapse of 0 months"', () => {
    const planned = planMessages('waiting-period-assigned', {
      personId: PERSON,
      relationId: null,
      scheme: 'RESIDENT',
      assignedOn: '2026-01-05',
      lapsed: false,
      lapseMonths: 0,
      fixedMonths: 3,
      variableMonths: 0,
      repairedMonths: 0,
      waitingMonths: 3,
      exemption: null,
      coveredFrom: '2026-04-05',
      explanation: [{ zh: '未在集中参保缴费期内参保：固定待遇等待期 3 个月', en: 'enrolled outside the period' }],
      parameters: [],
    });
    expect(summary(planned)).toEqual(['IN_APP N3', 'SMS N3']);
    const sms = text(planned[1]!).body;
    expect(sms.zh).toBe(
      '您的居民医保待遇自 2026-04-05 起享受。因未在集中参保缴费期内参保，待遇等待期为 3 个月（固定 3 + 变动 0 − 修复 0）。详情请在津医保APP查看。',
    );
    expect(sms.zh).not.toContain('断保');
    expect(sms.en).toContain(
      'Because you enrolled outside the centralised enrolment period, a waiting period of 3 month(s)',
    );
  });

  it('N2: a waiting-period result without a waiting period is an in-app message only', () => {
    const planned = planMessages('waiting-period-assigned', {
      personId: PERSON,
      relationId: null,
      scheme: 'EMPLOYEE',
      assignedOn: '2026-03-02',
      lapsed: false,
      lapseMonths: 0,
      fixedMonths: 0,
      variableMonths: 0,
      repairedMonths: 0,
      waitingMonths: 0,
      exemption: null,
      coveredFrom: '2026-03-03',
      explanation: [],
      parameters: [],
    });
    expect(summary(planned)).toEqual(['IN_APP N2']);
    expect(text(planned[0]!).body.en).toBe(
      'Your employee scheme benefits start on 2026-03-03. No waiting period applies. How it was worked out: none',
    );
  });
});

describe('N4 — working-day deadlines near or past due reach the district branch (T10)', () => {
  const alert = (over: Partial<EventData<'transfer-deadline-alert'>> = {}): EventData<'transfer-deadline-alert'> => ({
    transferId: TRANSFER,
    personId: PERSON,
    direction: 'INBOUND',
    mode: 'POSTAL',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: '130100',
    destinationRegion: '120104',
    status: 'ACCEPTED',
    handlingDistrict: '120104',
    dueOn: '2026-12-22',
    level: 'DUE_SOON',
    workingDaysLeft: 2,
    step: { zh: '开具并寄出《联系函》', en: 'issue and post the contact letter' },
    ...over,
  });

  it('N4: a deadline near due is a staff message for the handling district, never an SMS to the person', () => {
    const planned = planMessages('transfer-deadline-alert', alert());
    expect(summary(planned)).toEqual(['STAFF N4']);
    expect(planned[0]!.district).toBe('120104');
    const t = text(planned[0]!);
    expect(t.title.zh).toBe('【即将到期】转移接续办理时限');
    expect(t.body.zh).toBe(
      `转入转移接续（邮寄信函模式，编号 ${TRANSFER}）当前环节“开具并寄出《联系函》”应于 2026-12-22 前办结，剩余 2 个工作日。经办分中心：天津市南开区。`,
    );
  });

  it('N4: an overdue step says by how many working days', () => {
    const t = text(planMessages('transfer-deadline-alert', alert({ level: 'OVERDUE', workingDaysLeft: -3 }))[0]!);
    expect(t.title.en).toBe('[overdue] transfer deadline');
    expect(t.body.en).toContain('3 working day(s) overdue');
  });
});

describe('amounts', () => {
  it('N1: fen are shown as yuan with two decimals', () => {
    expect([yuan(0), yuan(5), yuan(100), yuan(123456), yuan(-250)]).toEqual([
      '0.00',
      '0.05',
      '1.00',
      '1234.56',
      '-2.50',
    ]);
  });
});
