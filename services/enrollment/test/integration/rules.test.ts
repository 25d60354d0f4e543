/**
 * The E rules through the real enrollment subgraph's application services and its PostgreSQL database: each test
 * sets up a person's relations, runs the command, and checks the rows, the history and the outbox events.
 */
import { CONSENT_PROMISE_ZH } from '../../src/domain';
import type { RegisterRelationCommand } from '../../src/app/relation.service';
import { EnrollmentError } from '../../src/app/errors';
import { CITY_STAFF as CITY, DISTRICT_STAFF as DISTRICT, INTEGRATOR as PLATFORM } from '@yibao/test-kit';
import { EnrollmentHarness, newPerson, residentCommand } from '@yibao/test-kit/enrollment';

const EMPLOYER_A = '91120104MA05A00012';
const EMPLOYER_B = '91120116MA05B00029';
const HEBEI = '130102';

let h: EnrollmentHarness;

beforeAll(async () => {
  h = await new EnrollmentHarness().start();
  for (const [creditCode, name, district] of [
    [EMPLOYER_A, '天津甲科技有限公司', '120104'],
    [EMPLOYER_B, '天津乙制造有限公司', '120116'],
  ] as const) {
    if (!(await h.app.employers.byCreditCode(creditCode)))
      await h.app.employers.register({ creditCode, name, district }, CITY);
  }
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => {
  h.clock.date = '2026-03-02';
});

const command = residentCommand;

const household = (personId: string, over: Partial<RegisterRelationCommand> = {}) => command(personId, over);
const employerStaff = (personId: string, over: Partial<RegisterRelationCommand> = {}) =>
  command(personId, {
    scheme: 'EMPLOYEE',
    employeeCategory: 'EMPLOYER_STAFF',
    residentCategory: null,
    unitCode: EMPLOYER_A,
    unitName: null,
    startDate: '2026-03-02',
    ...over,
  });
const flexible = (personId: string, over: Partial<RegisterRelationCommand> = {}) =>
  command(personId, {
    scheme: 'EMPLOYEE',
    employeeCategory: 'FLEXIBLE',
    residentCategory: null,
    unitCode: 'FLEX120104',
    unitName: '灵活就业',
    startDate: '2026-03-02',
    ...over,
  });

/** Runs a command expected to be refused and returns the rule and the next step. */
async function refusal(p: Promise<unknown>): Promise<{ rule: string; nextStep: { zh: string; en: string } }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EnrollmentError && e.code === 'RULE_REFUSED') {
      return { rule: String(e.details.rule), nextStep: e.details.nextStep as { zh: string; en: string } };
    }
    throw e;
  }
  throw new Error('expected a refusal, but the command went through');
}

async function statusOf(relationId: string): Promise<string> {
  const [r] = await h.service.runtime.dataSource.query('SELECT status FROM insurance_relation WHERE id = $1', [
    relationId,
  ]);
  return (r as { status: string }).status;
}

async function activeCount(personId: string): Promise<number> {
  return h.count('insurance_relation', "person_id = $1 AND status = 'ACTIVE'", [personId]);
}

describe('E1 — resident → employee inside Tianjin (即参即停)', () => {
  it('E1: the employee registration suspends the active resident relation in the same transaction, with relation-suspended', async () => {
    const p = await newPerson(h);
    const res = await h.app.relations.register(household(p), CITY);
    const emp = await h.app.relations.register(employerStaff(p), CITY);
    expect(emp.suspended.map((r) => r.id)).toEqual([res.relation.id]);
    expect(await statusOf(res.relation.id)).toBe('SUSPENDED');
    expect(await activeCount(p)).toBe(1);
    const suspended = (await h.eventsOf(p)).filter((e) => e.topic === 'relation-suspended');
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.data).toMatchObject({
      cause: 'E1',
      previousStatus: 'ACTIVE',
      relation: { relationId: res.relation.id, status: 'SUSPENDED' },
    });
    const history = await h.app.queries.historyOf(res.relation.id, CITY);
    expect(history.map((x) => [x.fromStatus, x.toStatus, x.cause])).toEqual([
      [null, 'ACTIVE', 'REGISTRATION'],
      ['ACTIVE', 'SUSPENDED', 'E1'],
    ]);
    expect(history[1]!.actorSubject).toBe(CITY.subject);
  });
});

describe('E2 — paid next year during the centralised period', () => {
  it('E2: an employee registration is refused until the tax authority’s refund is recorded, then goes through', async () => {
    h.clock.date = '2026-10-10'; // inside the default centralised period for 2027 (2026-09-01 … 2026-12-31)
    const p = await newPerson(h);
    await h.app.relations.register(household(p), CITY);
    const paid = await h.app.contributions.record(
      {
        personId: p,
        scheme: 'RESIDENT',
        employeeCategory: null,
        year: 2027,
        kind: 'NORMAL',
        amountFen: 40000,
        paidOn: '2026-09-20',
      },
      PLATFORM,
    );
    const refused = await refusal(h.app.relations.register(employerStaff(p, { startDate: '2026-10-10' }), CITY));
    expect(refused.rule).toBe('E2');
    expect(refused.nextStep.zh).toMatch(/退费/);
    expect(await h.count('insurance_relation', "person_id = $1 AND scheme = 'EMPLOYEE'", [p])).toBe(0);

    await h.app.contributions.refund(paid.id, '2026-10-09', PLATFORM);
    const ok = await h.app.relations.register(employerStaff(p, { startDate: '2026-10-10' }), CITY);
    expect(ok.relation.status).toBe('ACTIVE');
    expect((await h.eventsOf(p)).map((e) => e.topic)).toEqual(
      expect.arrayContaining(['contribution-recorded', 'contribution-refunded', 'relation-registered']),
    );
  });
});

describe('E3 — employee → resident inside Tianjin', () => {
  it('E3: a resident registration is refused while the employee relation is ACTIVE; after the suspension it goes through', async () => {
    const p = await newPerson(h);
    const emp = await h.app.relations.register(flexible(p, { startDate: '2025-05-01', periodYear: 2025 }), CITY);
    const refused = await refusal(h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY));
    expect(refused.rule).toBe('E3');
    expect(refused.nextStep.en).toMatch(/suspend/i);

    await h.app.relations.suspend(
      { relationId: emp.relation.id, channel: 'JIN_YIBAO_APP', applicant: null },
      { subject: 'p', role: 'PERSON', personId: p },
    );
    const suspendedEvent = (await h.eventsOf(p)).find((e) => e.topic === 'relation-suspended');
    expect(suspendedEvent!.data).toMatchObject({ coveredUntil: '2026-03-31' }); // the month of suspension stays covered
    const ok = await h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY);
    expect(ok.relation.status).toBe('ACTIVE');
  });
});

describe('E4 — retirees', () => {
  it('E4: a person receiving employee retiree benefits can never register a resident relation; the employee relation stays ACTIVE', async () => {
    const p = await newPerson(h, { birthDate: '1958-01-02' });
    const retiree = await h.app.relations.register(
      employerStaff(p, { retired: true, startDate: '2018-01-01', periodYear: 2018 }),
      CITY,
    );
    expect((await refusal(h.app.relations.register(household(p), CITY))).rule).toBe('E4');
    expect(await statusOf(retiree.relation.id)).toBe('ACTIVE');
  });
});

describe('E5 — Tianjin resident → another province', () => {
  const hebeiNotice = (externalId: string, idNumber: string, over: Record<string, unknown> = {}) => ({
    externalId,
    idNumber,
    notice: {
      scheme: 'RESIDENT' as const,
      employeeCategory: null,
      residentCategory: 'VILLAGE' as const,
      regionCode: HEBEI,
      unitCode: 'SJZ-VILLAGE-7',
      unitName: '石家庄市某村',
      periodYear: 2026,
      startDate: '2026-03-02',
      ...over,
    },
  });

  async function movingToHebei() {
    const p = await newPerson(h, { householdRegion: '120104' });
    await h.service.runtime.dataSource.query("UPDATE person SET household_region = '130102' WHERE id = $1", [p]);
    const person = (await h.app.persons.byId(p, CITY))!;
    return { p, idNumber: person.idNumber };
  }

  it('E5: with a signed consent, the national platform’s notice suspends the Tianjin relation automatically (先参后停)', async () => {
    const { p, idNumber } = await movingToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    const consent = await h.app.consents.sign(
      {
        personId: p,
        name: '测试',
        phone: '13800138000',
        originalUnitName: '南开区家庭虚拟户',
        originalUnitCode: 'HH120104001',
        newUnitName: '石家庄市某村',
        newUnitCode: 'SJZ-VILLAGE-7',
        promiseText: CONSENT_PROMISE_ZH,
        signature: 'esign-0001',
        channel: 'COUNTER',
      },
      CITY,
    );
    const result = await h.app.relations.recordNotice(hebeiNotice(`notice-${p}`, idNumber), PLATFORM);
    expect(result.notice.suspended).toBe(true);
    expect(await statusOf(res.relation.id)).toBe('SUSPENDED');
    const history = await h.app.queries.historyOf(res.relation.id, CITY);
    expect(history[1]).toMatchObject({ cause: 'E5', consentId: consent.id, channel: 'NATIONAL_PLATFORM' });

    // the platform redelivers the same notice: nothing changes
    const again = await h.app.relations.recordNotice(hebeiNotice(`notice-${p}`, idNumber), PLATFORM);
    expect(again.duplicate).toBe(true);
    expect((await h.eventsOf(p)).filter((e) => e.topic === 'relation-suspended')).toHaveLength(1);
  });

  it('E5: without a consent the notice suspends nothing, and says why (the person is now insured twice)', async () => {
    const { p, idNumber } = await movingToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    const result = await h.app.relations.recordNotice(hebeiNotice(`notice-${p}`, idNumber), PLATFORM);
    expect(result.notice).toMatchObject({ suspended: false, why: 'NO_CONSENT', rule: 'E5', insuredTwice: true });
    // what the clerk was told is kept with the notice, for the follow-up
    expect(result.notice.explanation?.nextStep.zh).toBeTruthy();
    expect(result.notice.explanation?.message.en).toMatch(/consent/);
    expect(await statusOf(res.relation.id)).toBe('ACTIVE');
  });

  it('E5: joining next year’s resident scheme elsewhere needs no suspension', async () => {
    h.clock.date = '2026-10-10';
    const { p } = await movingToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    const elsewhere = await h.app.relations.register(
      household(p, {
        regionCode: HEBEI,
        residentCategory: 'VILLAGE',
        unitCode: 'SJZ-VILLAGE-7',
        periodYear: 2027,
        startDate: '2027-01-01',
      }),
      PLATFORM,
    );
    expect(elsewhere.suspended).toHaveLength(0);
    expect(await statusOf(res.relation.id)).toBe('ACTIVE');
    expect(await activeCount(p)).toBe(2); // this year in Tianjin, next year in Hebei: not insured twice
  });
});

describe('E6 — 学籍地 > 户籍地 > 居住地', () => {
  it('E6: a student at school in Tianjin with household elsewhere is kept in Tianjin: a notice does not suspend the Tianjin relation', async () => {
    const p = await newPerson(h);
    await h.service.runtime.dataSource.query(
      "UPDATE person SET household_region = '130102', school_region = '120104' WHERE id = $1",
      [p],
    );
    const person = (await h.app.persons.byId(p, CITY))!;
    const res = await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'UNIVERSITY',
        unitCode: 'NKU-10055',
        unitName: '南开大学',
      }),
      CITY,
    );
    const result = await h.app.relations.recordNotice(
      {
        externalId: `notice-e6-${p}`,
        idNumber: person.idNumber,
        notice: {
          scheme: 'RESIDENT',
          employeeCategory: null,
          residentCategory: 'HOUSEHOLD',
          regionCode: HEBEI,
          unitCode: 'SJZ-HH-1',
          unitName: '石家庄某户',
          periodYear: 2026,
          startDate: '2026-03-02',
        },
      },
      PLATFORM,
    );
    expect(result.notice).toMatchObject({ suspended: false, why: 'KEPT_BY_PRIORITY', rule: 'E6' });
    expect(await statusOf(res.relation.id)).toBe('ACTIVE');
  });
});

describe('E7 — Tianjin employee → another province', () => {
  it('E7: a person cannot suspend their employer-staff relation themselves: the employer applies, and the employment relation is kept', async () => {
    const p = await newPerson(h);
    const emp = await h.app.relations.register(employerStaff(p), CITY);
    const asPerson = { subject: 'p', role: 'PERSON' as const, personId: p };
    const refused = await refusal(
      h.app.relations.suspend({ relationId: emp.relation.id, channel: 'JIN_YIBAO_APP', applicant: null }, asPerson),
    );
    expect(refused.rule).toBe('E7');
    expect(await statusOf(emp.relation.id)).toBe('ACTIVE');
    // the refused application is part of the person's rights record
    const apps = await h.app.queries.suspensionApplicationsOf(p, CITY);
    expect(apps).toEqual([
      expect.objectContaining({ outcome: 'REFUSED', refusalRule: 'E7', channel: 'JIN_YIBAO_APP' }),
    ]);

    const asEmployer = { subject: 'hr', role: 'EMPLOYER' as const, employerCode: EMPLOYER_A };
    await h.app.relations.suspend(
      { relationId: emp.relation.id, channel: 'EMPLOYER_WEB_HALL', applicant: null },
      asEmployer,
    );
    expect(await statusOf(emp.relation.id)).toBe('SUSPENDED');
  });
});

describe('E8 — another province → Tianjin', () => {
  it('E8: an ACTIVE employee relation elsewhere must be suspended there before the Tianjin registration', async () => {
    const p = await newPerson(h);
    await h.app.relations.register(
      employerStaff(p, {
        regionCode: HEBEI,
        unitCode: 'SJZ-EMP-1',
        unitName: '石家庄某公司',
        startDate: '2024-01-01',
        periodYear: 2024,
      }),
      PLATFORM,
    );
    const refused = await refusal(h.app.relations.register(employerStaff(p), CITY));
    expect(refused.rule).toBe('E8');
    expect(await activeCount(p)).toBe(1);
  });
});

describe('E9 / E10 — flexible ↔ employer staff', () => {
  it('E9: the employer’s registration suspends the flexible relation at once', async () => {
    const p = await newPerson(h);
    const flex = await h.app.relations.register(flexible(p, { startDate: '2025-01-01', periodYear: 2025 }), CITY);
    const emp = await h.app.relations.register(employerStaff(p), {
      subject: 'hr',
      role: 'EMPLOYER',
      employerCode: EMPLOYER_A,
    });
    expect(emp.suspended.map((r) => r.id)).toEqual([flex.relation.id]);
    expect((await h.app.queries.historyOf(flex.relation.id, CITY))[1]).toMatchObject({
      cause: 'E9',
      toStatus: 'SUSPENDED',
    });
  });

  it('E9: refused while this year’s flexible contributions are prepaid and not refunded', async () => {
    const p = await newPerson(h);
    await h.app.relations.register(flexible(p, { startDate: '2025-01-01', periodYear: 2025 }), CITY);
    await h.app.contributions.record(
      {
        personId: p,
        scheme: 'EMPLOYEE',
        employeeCategory: 'FLEXIBLE',
        year: 2026,
        kind: 'PREPAYMENT',
        amountFen: 600000,
        paidOn: '2026-01-05',
      },
      PLATFORM,
    );
    expect((await refusal(h.app.relations.register(employerStaff(p), CITY))).rule).toBe('E9');
  });

  it('E10: a flexible registration is refused until the employer has suspended the employer-staff relation', async () => {
    const p = await newPerson(h);
    const emp = await h.app.relations.register(employerStaff(p, { startDate: '2025-06-01', periodYear: 2025 }), CITY);
    expect((await refusal(h.app.relations.register(flexible(p), CITY))).rule).toBe('E10');
    await h.app.relations.suspend(
      { relationId: emp.relation.id, channel: 'AGENCY_COUNTER', applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER_A } },
      DISTRICT,
    );
    const ok = await h.app.relations.register(flexible(p), CITY);
    expect(ok.relation.status).toBe('ACTIVE');
  });
});

describe('E11 — resident category ranking', () => {
  it('E11: a school registration suspends the household relation at once', async () => {
    const p = await newPerson(h, { birthDate: '2012-05-01' });
    const hh = await h.app.relations.register(household(p), CITY);
    const school = await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'JUNIOR_HIGH',
        unitCode: 'TJ-MS-0042',
        unitName: '天津市第四十二中学',
        startDate: '2026-03-02',
      }),
      CITY,
    );
    expect(school.suspended.map((r) => r.id)).toEqual([hh.relation.id]);
  });

  it('E11: a lower-rank registration while a higher one is ACTIVE is refused with the reason', async () => {
    const p = await newPerson(h, { birthDate: '2012-05-01' });
    await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'JUNIOR_HIGH',
        unitCode: 'TJ-MS-0042',
        unitName: '天津市第四十二中学',
      }),
      CITY,
    );
    const refused = await refusal(h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY));
    expect(refused.rule).toBe('E11');
  });
});

describe('E13 — re-enrolment after a lapse', () => {
  it('E13: re-enrolment after a lapse succeeds, and the answer warns of the waiting period with the lapse facts', async () => {
    h.clock.date = '2026-03-02';
    const p = await newPerson(h);
    const old = await h.app.relations.register(household(p), CITY);
    // an old relation of 2023 that ended with that year, then nothing in 2024 and 2025
    await h.service.runtime.dataSource.query(
      "UPDATE insurance_relation SET period_year = 2023, start_date = '2023-01-01', end_date = '2023-12-31', status = 'SUSPENDED' WHERE id = $1",
      [old.relation.id],
    );
    const again = await h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY);
    expect(again.relation.status).toBe('ACTIVE');
    expect(again.warnings).toEqual([
      expect.objectContaining({
        rule: 'E13',
        lapse: expect.objectContaining({ lapseYears: [2024, 2025], resumesOn: '2026-03-02' }),
      }),
    ]);
    // the warning travels with relation-registered, so the notification service can tell the person (N3)
    const registered = (await h.eventsOf(p)).filter((e) => e.topic === 'relation-registered').pop();
    expect(registered!.data.warnings).toEqual([
      expect.objectContaining({ rule: 'E13', lapse: expect.objectContaining({ lapseYears: [2024, 2025] }) }),
    ]);
  });
});

describe('E15 — suspension applications', () => {
  it('E15: a person suspends their own relation through the app; the channel and the applicant are recorded', async () => {
    const p = await newPerson(h);
    const flex = await h.app.relations.register(flexible(p), CITY);
    const { application } = await h.app.relations.suspend(
      { relationId: flex.relation.id, channel: 'JIN_XIN_BAN_APP', applicant: null },
      { subject: 'p', role: 'PERSON', personId: p },
    );
    expect(application).toMatchObject({
      outcome: 'ACCEPTED',
      channel: 'JIN_XIN_BAN_APP',
      applicantKind: 'PERSON',
      applicantRef: p,
    });
    expect((await h.app.queries.historyOf(flex.relation.id, CITY))[1]).toMatchObject({
      channel: 'JIN_XIN_BAN_APP',
      cause: 'E15',
    });
  });

  it('E15: a person may apply to suspend only their own relation: another’s is FORBIDDEN and leaves no record', async () => {
    const owner = await newPerson(h);
    const stranger = await newPerson(h);
    const flex = await h.app.relations.register(flexible(owner), CITY);
    const asStranger = { subject: 's', role: 'PERSON' as const, personId: stranger };
    await expect(
      h.app.relations.suspend({ relationId: flex.relation.id, channel: 'JIN_YIBAO_APP', applicant: null }, asStranger),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await statusOf(flex.relation.id)).toBe('ACTIVE');
    expect(await h.app.queries.suspensionApplicationsOf(owner, CITY)).toEqual([]);
  });

  it('E15: an employer cannot suspend another employer’s staff', async () => {
    const p = await newPerson(h);
    const emp = await h.app.relations.register(employerStaff(p), CITY);
    const other = { subject: 'hr-b', role: 'EMPLOYER' as const, employerCode: EMPLOYER_B };
    expect(
      (
        await refusal(
          h.app.relations.suspend(
            { relationId: emp.relation.id, channel: 'EMPLOYER_WEB_HALL', applicant: null },
            other,
          ),
        )
      ).rule,
    ).toBe('E15');
    expect(await statusOf(emp.relation.id)).toBe('ACTIVE');
  });
});

describe('E16 — informed consent', () => {
  it('E16: a consent missing the promise text is refused with every problem, and nothing is stored', async () => {
    const p = await newPerson(h);
    const before = await h.count('consent');
    await expect(
      h.app.consents.sign(
        {
          personId: p,
          name: '测试',
          phone: '12345',
          originalUnitName: null,
          originalUnitCode: null,
          newUnitName: null,
          newUnitCode: null,
          promiseText: '我同意',
          signature: 'esign-1',
          channel: 'COUNTER',
        },
        CITY,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await h.count('consent')).toBe(before);
    expect((await h.eventsOf(p)).filter((e) => e.topic === 'consent-signed')).toHaveLength(0);
  });
});

describe('E17 — nobody is insured twice', () => {
  it('E17: the database refuses a second ACTIVE relation overlapping the first, whatever the code does', async () => {
    const p = await newPerson(h);
    const first = await h.app.relations.register(household(p), CITY);
    await expect(
      h.service.runtime.dataSource.query(
        `INSERT INTO insurance_relation (id, person_id, scheme, employee_category, region_code, period_year, start_date, status)
         VALUES (gen_random_uuid(), $1, 'EMPLOYEE', 'FLEXIBLE', '120104', 2026, '2026-06-01', 'ACTIVE')`,
        [p],
      ),
    ).rejects.toMatchObject({ code: '23P01' });
    expect(await statusOf(first.relation.id)).toBe('ACTIVE');
  });

  it('E17: two registrations fired in parallel for one person never both become ACTIVE', async () => {
    const p = await newPerson(h);
    const attempts = await Promise.allSettled([
      h.app.relations.register(flexible(p), CITY),
      h.app.relations.register(flexible(p, { unitCode: 'FLEX120104-2' }), CITY),
      h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(a.reason).toBeInstanceOf(EnrollmentError);
      expect(a.reason.code).toBe('RULE_REFUSED');
    }
    expect(await activeCount(p)).toBe(1);
  });

  it('E17: the constraint holds without the per-person lock: parallel raw inserts, one wins', async () => {
    const p = await newPerson(h);
    const insert = () =>
      h.service.runtime.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO insurance_relation (id, person_id, scheme, employee_category, region_code, period_year, start_date, status)
           VALUES (gen_random_uuid(), $1, 'EMPLOYEE', 'FLEXIBLE', '120104', 2026, '2026-03-02', 'ACTIVE')`,
          [p],
        );
        await new Promise((r) => setTimeout(r, 50));
      });
    const results = await Promise.allSettled([insert(), insert(), insert()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await activeCount(p)).toBe(1);
  });
});
