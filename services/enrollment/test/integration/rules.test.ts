/**
 * The E rules through the real enrollment subgraph's application services and its PostgreSQL database: each test
 * sets up a person's relations, runs the command, and checks the rows, the history and the outbox events.
 */
import { CONSENT_PROMISE_ZH, SuspensionChannel, type SuspendEffect } from '../../src/domain';
import type { RegisterRelationCommand } from '../../src/app/relation.service';
import { EnrollmentError } from '../../src/app/errors';
import {
  CITY_STAFF as CITY,
  DISTRICT_STAFF as DISTRICT,
  INTEGRATOR as PLATFORM,
  employerIdentity,
  personIdentity,
  residentId,
} from '@yibao/test-kit';
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
    if (!(await h.app.employers.byCreditCode(creditCode, CITY)))
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

type Text = { zh: string; en: string };

/** Runs a command expected to be refused and returns the rule, the reason and the next step. */
async function refusal(p: Promise<unknown>): Promise<{ rule: string; reason: Text; nextStep: Text }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EnrollmentError && e.code === 'RULE_REFUSED') {
      return { rule: String(e.details.rule), reason: e.reason, nextStep: e.details.nextStep as Text };
    }
    throw e;
  }
  throw new Error('expected a refusal, but the command went through');
}

/** What a command could have written for a person: relation rows, their history, outbox events, consents' use. */
async function footprint(personId: string): Promise<unknown> {
  const q = (sql: string) => h.service.runtime.dataSource.query(sql, [personId]);
  return {
    relations: await q(
      'SELECT id, status, end_date, suspension_rule FROM insurance_relation WHERE person_id = $1 ORDER BY id',
    ),
    history: await h.count('relation_history', 'person_id = $1', [personId]),
    events: (await h.eventsOf(personId)).length,
    consents: await q('SELECT id, used_for_relation_id, completed_at FROM consent WHERE person_id = $1 ORDER BY id'),
  };
}

/** Runs a command expected to be refused by `rule`, and checks that it wrote nothing for the person. */
async function refusedWithNothingWritten(personId: string, rule: string, command: () => Promise<unknown>) {
  const before = await footprint(personId);
  const refused = await refusal(command());
  expect(refused.rule).toBe(rule);
  expect(refused.nextStep.zh).toBeTruthy();
  expect(refused.nextStep.en).toBeTruthy();
  expect(await footprint(personId)).toEqual(before);
  return refused;
}

async function endDateOf(relationId: string): Promise<string | null> {
  const [r] = await h.service.runtime.dataSource.query(
    "SELECT to_char(end_date, 'YYYY-MM-DD') AS end FROM insurance_relation WHERE id = $1",
    [relationId],
  );
  return (r as { end: string | null }).end;
}

/** A person whose household and residence are in Hebei: E6 does not keep their resident relation in Tianjin. */
async function movedToHebei(): Promise<{ p: string; idNumber: string }> {
  const p = await newPerson(h);
  await h.service.runtime.dataSource.query(
    "UPDATE person SET household_region = '130102', residence_region = '130102' WHERE id = $1",
    [p],
  );
  return { p, idNumber: (await h.app.persons.byId(p, CITY))!.idNumber };
}

/** A consent signed at a counter, units filled by the agency. */
const counterConsent = (personId: string, over: Record<string, string | null> = {}) => ({
  personId,
  name: '测试',
  phone: '13800138000',
  originalUnitName: '南开区家庭虚拟户',
  originalUnitCode: 'HH120104001',
  newUnitName: '石家庄市某村',
  newUnitCode: 'SJZ-VILLAGE-7',
  promiseText: CONSENT_PROMISE_ZH,
  signature: 'esign-0001',
  channel: 'COUNTER' as const,
  ...over,
});

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

describe('E2 — joined next year’s resident scheme during the centralised period', () => {
  const paidFor = (personId: string, year: number, paidOn: string) =>
    h.app.contributions.record(
      { personId, scheme: 'RESIDENT', employeeCategory: null, year, kind: 'NORMAL', amountFen: 40000, paidOn },
      PLATFORM,
    );

  it('E2: holding next year’s paid resident relation, an employee registration is refused until the refund; then it goes through and suspends next year’s relation from its start', async () => {
    h.clock.date = '2026-10-10'; // inside the default centralised period for 2027 (2026-09-01 … 2026-12-31)
    const p = await newPerson(h);
    const thisYear = await h.app.relations.register(household(p), CITY);
    const nextYear = await h.app.relations.register(
      household(p, { periodYear: 2027, startDate: '2026-10-10', unitCode: 'HH120104001' }),
      CITY,
    );
    expect(nextYear.relation).toMatchObject({ periodYear: 2027, startDate: '2027-01-01', status: 'ACTIVE' });
    const paid = await paidFor(p, 2027, '2026-09-20');

    const refused = await refusedWithNothingWritten(p, 'E2', () =>
      h.app.relations.register(employerStaff(p, { startDate: '2026-10-10' }), CITY),
    );
    expect(refused.reason.zh).toContain('2026-09-01至2026-12-31'); // the text names the period the code checks
    expect(refused.nextStep.zh).toMatch(/退费/);

    await h.app.contributions.refund(paid.id, '2026-10-09', PLATFORM);
    const ok = await h.app.relations.register(employerStaff(p, { startDate: '2026-10-10' }), CITY);
    expect(ok.relation.status).toBe('ACTIVE');
    expect(ok.suspended.map((r) => r.id).sort()).toEqual([thisYear.relation.id, nextYear.relation.id].sort());
    expect(await endDateOf(nextYear.relation.id)).toBe('2027-01-01'); // never before its start
    expect((await h.app.queries.historyOf(nextYear.relation.id, CITY))[1]).toMatchObject({ cause: 'E2' });
    expect((await h.eventsOf(p)).filter((e) => e.topic === 'relation-suspended').map((e) => e.data.cause)).toEqual(
      expect.arrayContaining(['E1', 'E2']),
    );
  });

  it('E2: a back-payment (不含补缴) is excepted: it goes through while next year is paid, and suspends nothing', async () => {
    h.clock.date = '2026-10-10';
    const p = await newPerson(h);
    const nextYear = await h.app.relations.register(household(p, { periodYear: 2027, startDate: '2026-10-10' }), CITY);
    await paidFor(p, 2027, '2026-09-20');
    const back = await h.app.relations.register(
      employerStaff(p, { startDate: '2025-01-01', periodYear: 2025, endDate: '2025-05-31', backPayment: true }),
      CITY,
    );
    expect(back.relation).toMatchObject({ backPayment: true, status: 'ACTIVE' });
    expect(back.suspended).toEqual([]);
    expect(await statusOf(nextYear.relation.id)).toBe('ACTIVE');
  });

  it('E2: only within the centralised period, as the text says; a period the city runs into the new year counts to its end', async () => {
    // the city centre closes 2029's period early and runs 2030's into the new year (item 7: allowed now)
    h.clock.date = '2028-08-01';
    await h.app.employers.setCentralisedPeriod(2029, '2028-09-01', '2028-11-30', CITY);
    await h.app.employers.setCentralisedPeriod(2030, '2029-09-01', '2030-02-28', CITY);

    h.clock.date = '2028-12-10'; // after 2029's period closed: E2 does not apply (E17 then speaks for the clash)
    const p = await newPerson(h);
    await h.app.relations.register(household(p, { periodYear: 2029, startDate: '2028-12-10' }), CITY);
    await paidFor(p, 2029, '2028-11-20');
    const late = await refusal(
      h.app.relations.register(employerStaff(p, { startDate: '2028-12-10', periodYear: 2028 }), CITY),
    );
    expect(late.rule).toBe('E17');

    h.clock.date = '2029-12-20'; // inside 2030's period, which runs to 28 Feb 2030: the text names it
    const q = await newPerson(h);
    await h.app.relations.register(household(q, { periodYear: 2030, startDate: '2029-12-20' }), CITY);
    await paidFor(q, 2030, '2029-12-01');
    const inPeriod = await refusedWithNothingWritten(q, 'E2', () =>
      h.app.relations.register(employerStaff(q, { startDate: '2029-12-20', periodYear: 2029 }), CITY),
    );
    expect(inPeriod.reason.zh).toContain('2029-09-01至2030-02-28');
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
  const retireeOf = (p: string) =>
    h.app.relations.register(employerStaff(p, { retired: true, startDate: '2018-01-01', periodYear: 2018 }), CITY);

  it('E4: a person receiving employee retiree benefits can never register a resident relation; nothing is written and the employee relation stays ACTIVE', async () => {
    const p = await newPerson(h, { birthDate: '1958-01-02' });
    const retiree = await retireeOf(p);
    await refusedWithNothingWritten(p, 'E4', () => h.app.relations.register(household(p), CITY));
    expect(await statusOf(retiree.relation.id)).toBe('ACTIVE');
  });

  it('E4: a retiree cannot suspend their own employee relation (it stays 正常参保): refused with the next step, nothing changed, the refusal recorded', async () => {
    const p = await newPerson(h, { birthDate: '1958-01-02' });
    const retiree = await retireeOf(p);
    const before = await footprint(p);
    const refused = await refusal(
      h.app.relations.suspend(
        { relationId: retiree.relation.id, channel: 'JIN_YIBAO_APP', applicant: null },
        personIdentity(p),
      ),
    );
    expect(refused.rule).toBe('E4');
    expect(refused.nextStep.zh).toBeTruthy();
    expect(await footprint(p)).toEqual(before);
    expect(await statusOf(retiree.relation.id)).toBe('ACTIVE');
    expect(await h.app.queries.suspensionApplicationsOf(p, CITY)).toEqual([
      expect.objectContaining({ outcome: 'REFUSED', refusalRule: 'E4' }),
    ]);
  });

  it('E4: a retiree’s registration elsewhere arriving by notice is reported as E4 (not E7); the retiree relation stays ACTIVE', async () => {
    const p = await newPerson(h, { birthDate: '1958-01-02' });
    const retiree = await retireeOf(p);
    const { idNumber } = (await h.app.persons.byId(p, CITY))!;
    const result = await h.app.relations.recordNotice(
      {
        externalId: `notice-e4-${p}`,
        idNumber,
        notice: {
          scheme: 'RESIDENT',
          employeeCategory: null,
          residentCategory: 'HOUSEHOLD',
          regionCode: HEBEI,
          unitCode: 'SJZ-HH-4',
          unitName: '石家庄某户',
          periodYear: 2026,
          startDate: '2026-03-02',
        },
      },
      PLATFORM,
    );
    expect(result.notice).toMatchObject({ suspended: false, rule: 'E4', why: 'RETIREE_RELATION', insuredTwice: true });
    expect(await statusOf(retiree.relation.id)).toBe('ACTIVE');
  });

  it('E4: a retiree of another province cannot register a Tianjin resident relation either; nothing is written', async () => {
    const p = await newPerson(h, { birthDate: '1958-01-02' });
    await h.app.relations.register(
      employerStaff(p, {
        retired: true,
        regionCode: HEBEI,
        unitCode: 'SJZ-EMP-RET',
        unitName: '石家庄某公司',
        startDate: '2018-01-01',
        periodYear: 2018,
      }),
      PLATFORM,
    );
    await refusedWithNothingWritten(p, 'E4', () => h.app.relations.register(household(p), CITY));
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
    expect(result.notice.explanation?.nextStep.zh).toMatch(/窗口/); // (九): the consent may be signed at a counter too
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

  it('E8: the national platform reports that the employee relation elsewhere ended there; the Tianjin registration then goes through; it may not end a Tianjin relation', async () => {
    const p = await newPerson(h);
    const there = await h.app.relations.register(
      employerStaff(p, { regionCode: HEBEI, unitCode: 'SJZ-EMP-2', startDate: '2024-01-01', periodYear: 2024 }),
      PLATFORM,
    );
    expect((await refusal(h.app.relations.register(employerStaff(p), CITY))).rule).toBe('E8');
    const ended = { zh: '国家医保信息平台：石家庄已终止参保', en: 'national platform: terminated in Shijiazhuang' };
    await h.app.relations.terminate(there.relation.id, ended, PLATFORM);
    expect(await statusOf(there.relation.id)).toBe('TERMINATED');
    expect((await h.app.queries.historyOf(there.relation.id, CITY))[1]).toMatchObject({
      cause: 'TERMINATION',
      channel: 'NATIONAL_PLATFORM',
      actorRole: 'INTEGRATOR',
    });
    const here = await h.app.relations.register(employerStaff(p), CITY);
    expect(here.relation.status).toBe('ACTIVE');
    // a Tianjin relation is Tianjin's agencies' to end
    await expect(h.app.relations.terminate(here.relation.id, ended, PLATFORM)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await statusOf(here.relation.id)).toBe('ACTIVE');
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
    expect((await h.app.queries.historyOf(hh.relation.id, CITY))[1]).toMatchObject({
      cause: 'E11',
      toStatus: 'SUSPENDED',
    });
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
  it.each(Object.values(SuspensionChannel))(
    'E15: a person suspends their own relation through %s; the channel is recorded on the application, the history and the event',
    async (channel) => {
      const p = await newPerson(h);
      const flex = await h.app.relations.register(flexible(p), CITY);
      const { application } = await h.app.relations.suspend(
        { relationId: flex.relation.id, channel, applicant: null },
        personIdentity(p),
      );
      expect(application).toMatchObject({ outcome: 'ACCEPTED', channel });
      expect((await h.app.queries.historyOf(flex.relation.id, CITY))[1]).toMatchObject({ channel, cause: 'E15' });
      const event = (await h.eventsOf(p)).find((e) => e.topic === 'relation-suspended');
      expect(event!.data).toMatchObject({ channel, cause: 'E15' });
    },
  );

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

describe('Suspending a relation that has not started yet (E15, E5)', () => {
  it('E15: next year’s resident relation, paid in the centralised period, is suspended from its own start, not before it', async () => {
    h.clock.date = '2026-10-10';
    const { p } = await movedToHebei();
    const nextYear = await h.app.relations.register(household(p, { periodYear: 2027, startDate: '2026-10-10' }), CITY);
    const { relation } = await h.app.relations.suspend(
      { relationId: nextYear.relation.id, channel: 'JIN_YIBAO_APP', applicant: null },
      personIdentity(p),
    );
    expect(relation.status).toBe('SUSPENDED');
    expect(await endDateOf(nextYear.relation.id)).toBe('2027-01-01');
    const event = (await h.eventsOf(p)).find((e) => e.topic === 'relation-suspended');
    expect(event!.data).toMatchObject({ cause: 'E15', effectiveDate: '2027-01-01' });
  });

  it('E5: a notice of an employee job elsewhere from today suspends next year’s Tianjin resident relation (consent) from its start', async () => {
    h.clock.date = '2026-10-10';
    const { p, idNumber } = await movedToHebei();
    const nextYear = await h.app.relations.register(household(p, { periodYear: 2027, startDate: '2026-10-10' }), CITY);
    await h.app.consents.sign(counterConsent(p, { newUnitName: '石家庄某公司', newUnitCode: 'SJZ-EMP-9' }), CITY);
    const result = await h.app.relations.recordNotice(
      {
        externalId: `notice-start-${p}`,
        idNumber,
        notice: {
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          residentCategory: null,
          regionCode: HEBEI,
          unitCode: 'SJZ-EMP-9',
          unitName: '石家庄某公司',
          periodYear: 2026,
          startDate: '2026-10-10',
        },
      },
      PLATFORM,
    );
    expect(result.notice.suspended).toBe(true);
    expect(await endDateOf(nextYear.relation.id)).toBe('2027-01-01');
  });

  it('E15: a constraint the rules should have kept is never an internal error: a clear INVALID_STATE naming it, and nothing is written', async () => {
    h.clock.date = '2026-10-10';
    const { p } = await movedToHebei();
    const nextYear = await h.app.relations.register(household(p, { periodYear: 2027, startDate: '2026-10-10' }), CITY);
    const before = await footprint(p);
    // an effect no decision makes any more: the end before the start (the relation_dates CHECK)
    const bad: SuspendEffect = {
      kind: 'SUSPEND',
      relationId: nextYear.relation.id,
      personId: p,
      regionCode: '120104',
      rule: 'E15',
      reason: { zh: '测试', en: 'test' },
      effectiveDate: '2026-10-10',
      coveredUntil: null,
    };
    await expect(
      h.service.runtime.dataSource.transaction((m) => h.app.relations.effects.apply(m, [bad], { actor: CITY })),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      details: { constraint: 'relation_dates' },
      reason: { zh: expect.stringContaining('结束日期不能早于开始日期') },
    });
    expect(await footprint(p)).toEqual(before);
  });
});

describe('E5 / E16 — consents through the real database', () => {
  const notice = (externalId: string, idNumber: string, over: Record<string, unknown> = {}) => ({
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
  const online = (personId: string) =>
    counterConsent(personId, {
      originalUnitName: null,
      originalUnitCode: null,
      newUnitName: null,
      newUnitCode: null,
      channel: 'ONLINE',
    }) as unknown as ReturnType<typeof counterConsent>;

  it('E5, E16: a consent that names another original unit suspends nothing (CONSENT_MISMATCH), and says so', async () => {
    const { p, idNumber } = await movedToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    await h.app.consents.sign(counterConsent(p, { originalUnitCode: 'HH-SOMEWHERE-ELSE' }), CITY);
    const result = await h.app.relations.recordNotice(notice(`n-mismatch-${p}`, idNumber), PLATFORM);
    expect(result.notice).toMatchObject({ suspended: false, rule: 'E5', why: 'CONSENT_MISMATCH', insuredTwice: true });
    expect(await statusOf(res.relation.id)).toBe('ACTIVE');
  });

  it('E16: an online consent without the units authorises nothing until the agency completes it; then the notice suspends (先参后停)', async () => {
    const { p, idNumber } = await movedToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    const signed = await h.app.consents.sign(online(p), personIdentity(p));
    expect(signed).toMatchObject({ channel: 'ONLINE', newUnitCode: null, completedAt: null });
    const early = await h.app.relations.recordNotice(notice(`n-incomplete-${p}`, idNumber), PLATFORM);
    expect(early.notice).toMatchObject({ suspended: false, why: 'CONSENT_INVALID', rule: 'E5' });

    // the person cannot fill in the agency's fields; staff can
    await expect(
      h.app.consents.complete(
        {
          consentId: signed.id,
          originalUnitName: '南开区家庭虚拟户',
          originalUnitCode: 'HH120104001',
          newUnitName: '石家庄市某村',
          newUnitCode: 'SJZ-VILLAGE-7',
        },
        personIdentity(p),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const completed = await h.app.consents.complete(
      {
        consentId: signed.id,
        originalUnitName: '南开区家庭虚拟户',
        originalUnitCode: 'HH120104001',
        newUnitName: '石家庄市某村',
        newUnitCode: 'SJZ-VILLAGE-7',
      },
      CITY,
    );
    expect(completed).toMatchObject({ newUnitCode: 'SJZ-VILLAGE-7', completedBy: CITY.subject });
    const signedEvents = (await h.eventsOf(p)).filter((e) => e.topic === 'consent-signed');
    expect(signedEvents.at(-1)!.data).toMatchObject({ consentId: signed.id, completedAt: expect.any(String) });

    const result = await h.app.relations.recordNotice(notice(`n-complete-${p}`, idNumber), PLATFORM);
    expect(result.notice.suspended).toBe(true);
    expect(await statusOf(res.relation.id)).toBe('SUSPENDED');
  });

  it('E16: completing a consent whose units are filled is refused with E16; units that do not fit are bad input; nothing is written', async () => {
    const { p } = await movedToHebei();
    const full = await h.app.consents.sign(counterConsent(p), CITY);
    await refusedWithNothingWritten(p, 'E16', () =>
      h.app.consents.complete(
        {
          consentId: full.id,
          originalUnitName: 'x',
          originalUnitCode: 'X1',
          newUnitName: 'y',
          newUnitCode: 'Y1',
        },
        CITY,
      ),
    );
    const signed = await h.app.consents.sign(online(p), personIdentity(p));
    const before = await footprint(p);
    await expect(
      h.app.consents.complete(
        {
          consentId: signed.id,
          originalUnitName: '南开区家庭虚拟户',
          originalUnitCode: 'HH120104001',
          newUnitName: '南开区家庭虚拟户',
          newUnitCode: 'HH120104001',
        },
        CITY,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'newUnitCode' } });
    expect(await footprint(p)).toEqual(before);
  });

  it('E16: a consent authorises one suspension only: a second notice for the same units finds it used', async () => {
    const { p, idNumber } = await movedToHebei();
    const first = await h.app.relations.register(household(p), CITY);
    const consent = await h.app.consents.sign(counterConsent(p), CITY);
    expect((await h.app.relations.recordNotice(notice(`n-use1-${p}`, idNumber), PLATFORM)).notice.suspended).toBe(true);
    const [row] = await h.service.runtime.dataSource.query('SELECT used_for_relation_id FROM consent WHERE id = $1', [
      consent.id,
    ]);
    expect(row).toEqual({ used_for_relation_id: first.relation.id });

    // the same unit again in Tianjin (e.g. after a correction), then another notice: the used consent authorises nothing
    await h.service.runtime.dataSource.query(
      "UPDATE insurance_relation SET status = 'ACTIVE', end_date = NULL, suspension_rule = NULL WHERE id = $1",
      [first.relation.id],
    );
    const again = await h.app.relations.recordNotice(notice(`n-use2-${p}`, idNumber), PLATFORM);
    expect(again.notice).toMatchObject({ suspended: false, why: 'CONSENT_USED', rule: 'E5' });
    expect(await statusOf(first.relation.id)).toBe('ACTIVE');
  });

  it('E16: a consent signed after the registration it would authorise does not authorise it (CONSENT_SIGNED_AFTER)', async () => {
    h.clock.date = '2026-03-05';
    const { p, idNumber } = await movedToHebei();
    const res = await h.app.relations.register(household(p), CITY);
    await h.app.consents.sign(counterConsent(p), CITY); // signed 5 March
    const result = await h.app.relations.recordNotice(
      notice(`n-late-${p}`, idNumber, { registeredOn: '2026-03-02' }),
      PLATFORM,
    );
    expect(result.notice).toMatchObject({ suspended: false, why: 'CONSENT_SIGNED_AFTER', insuredTwice: true });
    expect(await statusOf(res.relation.id)).toBe('ACTIVE');
  });

  it('E16: an invalid consent (wrong promise, landline-less phone, missing units at a counter) is refused with every problem; nothing is stored', async () => {
    const { p } = await movedToHebei();
    const before = await footprint(p);
    const e = await h.app.consents
      .sign(counterConsent(p, { phone: '12345', promiseText: '我同意', newUnitCode: null }), CITY)
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    const fields = ((e as EnrollmentError).details.problems as Array<{ field: string }>).map((x) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'newUnitCode', 'promiseText']));
    expect(await footprint(p)).toEqual(before);
  });
});

describe('E6 — by pooling region, on registration and on applications', () => {
  it('E6: a student at school in Tianjin cannot suspend the Tianjin resident relation in the app; nothing changes but the recorded refusal', async () => {
    const p = await newPerson(h);
    await h.service.runtime.dataSource.query(
      "UPDATE person SET household_region = '130102', residence_region = '130102', school_region = '120104' WHERE id = $1",
      [p],
    );
    const school = await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'UNIVERSITY',
        unitCode: 'NKU-10055',
        unitName: '南开大学',
      }),
      CITY,
    );
    const before = await footprint(p);
    const refused = await refusal(
      h.app.relations.suspend(
        { relationId: school.relation.id, channel: 'JIN_YIBAO_APP', applicant: null },
        personIdentity(p),
      ),
    );
    expect(refused.rule).toBe('E6');
    expect(await footprint(p)).toEqual(before);
    expect(await h.app.queries.suspensionApplicationsOf(p, CITY)).toEqual([
      expect.objectContaining({ outcome: 'REFUSED', refusalRule: 'E6' }),
    ]);
  });

  it('E6: a registration elsewhere for a Tianjin student is refused with E6; nothing is written', async () => {
    const p = await newPerson(h);
    await h.service.runtime.dataSource.query(
      "UPDATE person SET household_region = '130102', school_region = '120104' WHERE id = $1",
      [p],
    );
    await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'UNIVERSITY',
        unitCode: 'NKU-10055',
        unitName: '南开大学',
      }),
      CITY,
    );
    await h.app.consents.sign(counterConsent(p, { originalUnitCode: 'NKU-10055', newUnitCode: 'SJZ-HH-1' }), CITY);
    await refusedWithNothingWritten(p, 'E6', () =>
      h.app.relations.register(
        household(p, { regionCode: HEBEI, unitCode: 'SJZ-HH-1', unitName: '石家庄某户', startDate: '2026-03-02' }),
        PLATFORM,
      ),
    );
  });

  it('E6: ties are compared by pooling region (统筹区), not province: a household in Shijiazhuang is no tie to Baoding', async () => {
    const p = await newPerson(h);
    // residence Tianjin, household Shijiazhuang (130102); the new registration is in Baoding (130602), same province
    await h.service.runtime.dataSource.query(
      "UPDATE person SET household_region = '130102', residence_region = '120104' WHERE id = $1",
      [p],
    );
    const { idNumber } = (await h.app.persons.byId(p, CITY))!;
    const res = await h.app.relations.register(household(p), CITY);
    await h.app.consents.sign(counterConsent(p, { newUnitCode: 'BD-VILLAGE-1', newUnitName: '保定市某村' }), CITY);
    const result = await h.app.relations.recordNotice(
      {
        externalId: `n-pool-${p}`,
        idNumber,
        notice: {
          scheme: 'RESIDENT',
          employeeCategory: null,
          residentCategory: 'VILLAGE',
          regionCode: '130602',
          unitCode: 'BD-VILLAGE-1',
          unitName: '保定市某村',
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

describe('E7 — refusal and notice', () => {
  it('E7: a registration elsewhere while the Tianjin employee relation is ACTIVE is refused; nothing is written', async () => {
    const p = await newPerson(h);
    await h.app.relations.register(flexible(p), CITY);
    await refusedWithNothingWritten(p, 'E7', () =>
      h.app.relations.register(
        employerStaff(p, { regionCode: HEBEI, unitCode: 'SJZ-EMP-1', unitName: '石家庄某公司' }),
        PLATFORM,
      ),
    );
  });

  it('E7: a notice of a registration elsewhere never suspends the Tianjin employee relation (even with a consent)', async () => {
    const p = await newPerson(h);
    const flex = await h.app.relations.register(flexible(p), CITY);
    const { idNumber } = (await h.app.persons.byId(p, CITY))!;
    await h.app.consents.sign(counterConsent(p, { originalUnitCode: 'FLEX120104', newUnitCode: 'SJZ-EMP-1' }), CITY);
    const result = await h.app.relations.recordNotice(
      {
        externalId: `n-e7-${p}`,
        idNumber,
        notice: {
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          residentCategory: null,
          regionCode: HEBEI,
          unitCode: 'SJZ-EMP-1',
          unitName: '石家庄某公司',
          periodYear: 2026,
          startDate: '2026-03-02',
        },
      },
      PLATFORM,
    );
    expect(result.notice).toMatchObject({ suspended: false, rule: 'E7', why: 'EMPLOYEE_RELATION', insuredTwice: true });
    expect(await statusOf(flex.relation.id)).toBe('ACTIVE');
  });
});

describe('E8 — the consent path from another province', () => {
  const hebeiResident = (p: string) =>
    h.app.relations.register(
      household(p, {
        regionCode: HEBEI,
        residentCategory: 'VILLAGE',
        unitCode: 'SJZ-VILLAGE-7',
        unitName: '石家庄市某村',
      }),
      PLATFORM,
    );

  it('E8: without a consent, a Tianjin registration while a resident relation elsewhere is ACTIVE is refused; nothing is written', async () => {
    const p = await newPerson(h);
    await hebeiResident(p);
    const refused = await refusedWithNothingWritten(p, 'E8', () => h.app.relations.register(household(p), CITY));
    expect(refused.nextStep.zh).toMatch(/窗口/); // (九): online or at a counter
  });

  it('E8: with a consent naming the Hebei unit and the Tianjin unit, the Tianjin registration suspends the relation there (先参后停), and the consent is used', async () => {
    const p = await newPerson(h);
    const hebei = await hebeiResident(p);
    const consent = await h.app.consents.sign(
      counterConsent(p, {
        originalUnitName: '石家庄市某村',
        originalUnitCode: 'SJZ-VILLAGE-7',
        newUnitName: '南开区家庭虚拟户',
        newUnitCode: 'HH120104001',
      }),
      CITY,
    );
    const res = await h.app.relations.register(household(p), CITY);
    expect(res.suspended.map((r) => r.id)).toEqual([hebei.relation.id]);
    expect((await h.app.queries.historyOf(hebei.relation.id, CITY))[1]).toMatchObject({
      cause: 'E8',
      consentId: consent.id,
      channel: 'NATIONAL_PLATFORM',
    });
    const event = (await h.eventsOf(p)).find((e) => e.topic === 'relation-suspended');
    expect(event!.data).toMatchObject({ cause: 'E8', relation: { regionCode: HEBEI }, consentId: consent.id });
    const [row] = await h.service.runtime.dataSource.query('SELECT used_for_relation_id FROM consent WHERE id = $1', [
      consent.id,
    ]);
    expect(row).toEqual({ used_for_relation_id: hebei.relation.id });
  });
});

describe('E9 — refund, then the employer registers', () => {
  it('E9: refused while this year’s flexible prepayment is unrefunded (nothing written); after the refund the registration suspends the flexible relation', async () => {
    const p = await newPerson(h);
    const flex = await h.app.relations.register(flexible(p, { startDate: '2025-01-01', periodYear: 2025 }), CITY);
    const prepaid = await h.app.contributions.record(
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
    await refusedWithNothingWritten(p, 'E9', () => h.app.relations.register(employerStaff(p), CITY));
    await h.app.contributions.refund(prepaid.id, '2026-03-01', PLATFORM);
    const ok = await h.app.relations.register(employerStaff(p), employerIdentity(EMPLOYER_A));
    expect(ok.suspended.map((r) => r.id)).toEqual([flex.relation.id]);
    expect((await h.app.queries.historyOf(flex.relation.id, CITY))[1]).toMatchObject({ cause: 'E9' });
  });
});

describe('E11 — equal rank, another level of the same school, newborns', () => {
  const causeOf = async (relationId: string) => (await h.app.queries.historyOf(relationId, CITY))[1]?.cause;

  it('E11: an equal rank (village → welfare institution) overrides while the city centre’s parameter says so, and the reason says it is the parameter', async () => {
    const p = await newPerson(h);
    const village = await h.app.relations.register(
      household(p, { residentCategory: 'VILLAGE', unitCode: 'V-1' }),
      CITY,
    );
    const welfare = await h.app.relations.register(
      household(p, { residentCategory: 'WELFARE_INSTITUTION', unitCode: 'W-1', startDate: '2026-03-02' }),
      CITY,
    );
    expect(welfare.suspended.map((r) => r.id)).toEqual([village.relation.id]);
    const change = (await h.app.queries.historyOf(village.relation.id, CITY))[1]!;
    expect(change.cause).toBe('E11');
    expect(change.reasonZh).toContain('政策参数');
  });

  it('E11: the same school code at another level counts as another unit (完全中学): the higher level overrides', async () => {
    const p = await newPerson(h, { birthDate: '2010-05-01' });
    const junior = await h.app.relations.register(
      household(p, { residentCategory: 'SCHOOL', schoolLevel: 'JUNIOR_HIGH', unitCode: 'TJ-MS-0042' }),
      CITY,
    );
    const senior = await h.app.relations.register(
      household(p, {
        residentCategory: 'SCHOOL',
        schoolLevel: 'SECONDARY',
        unitCode: 'TJ-MS-0042',
        startDate: '2026-03-02',
      }),
      CITY,
    );
    expect(senior.suspended.map((r) => r.id)).toEqual([junior.relation.id]);
    expect(await causeOf(junior.relation.id)).toBe('E11');
    // and back down is refused, nothing written
    await refusedWithNothingWritten(p, 'E11', () =>
      h.app.relations.register(
        household(p, {
          residentCategory: 'SCHOOL',
          schoolLevel: 'PRIMARY',
          unitCode: 'TJ-PS-1',
          startDate: '2026-03-02',
        }),
        CITY,
      ),
    );
  });

  it('E11: a NEWBORN relation ranks with HOUSEHOLD: the household registration overrides it as an equal rank', async () => {
    const p = await newPerson(h, { birthDate: '2026-01-10' });
    const newborn = await h.app.relations.register(
      household(p, { residentCategory: 'NEWBORN', unitCode: 'NB-1', startDate: '2026-01-10' }),
      CITY,
    );
    const hh = await h.app.relations.register(household(p, { startDate: '2026-03-02' }), CITY);
    expect(hh.suspended.map((r) => r.id)).toEqual([newborn.relation.id]);
    expect(await causeOf(newborn.relation.id)).toBe('E11');
  });

  it('E11: the city centre switches equal rank off (versioned, audited); an equal-rank registration is then refused and the text names the parameter', async () => {
    h.clock.date = '2030-03-02'; // a day of its own, so the switch touches no other test
    const district = await h.app.policy
      .set({ name: 'E11_EQUAL_RANK_OVERRIDES', value: false, effectiveFrom: '2030-03-02', source: 'test' }, DISTRICT)
      .catch((e: unknown) => e);
    expect(district).toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      h.app.policy.set(
        { name: 'E11_EQUAL_RANK_OVERRIDES', value: false, effectiveFrom: '2030-03-01', source: 'test' },
        CITY,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'effectiveFrom' } });

    const off = await h.app.policy.set(
      {
        name: 'E11_EQUAL_RANK_OVERRIDES',
        value: false,
        effectiveFrom: '2030-03-02',
        source: '市医保中心2030年第3号纪要',
      },
      CITY,
    );
    // back on from the next day
    await h.app.policy.set(
      {
        name: 'E11_EQUAL_RANK_OVERRIDES',
        value: true,
        effectiveFrom: '2030-03-03',
        source: '市医保中心2030年第4号纪要',
      },
      CITY,
    );
    const history = await h.app.policy.history('E11_EQUAL_RANK_OVERRIDES', CITY);
    expect(history.find((v) => v.id === off.id)).toMatchObject({
      value: false,
      previousValue: true,
      effectiveFrom: '2030-03-02',
      source: '市医保中心2030年第3号纪要',
      changedBy: CITY.subject,
      changedRole: 'CITY_STAFF',
      changedAt: expect.any(Date),
    });

    const p = await newPerson(h);
    const year = { periodYear: 2030, startDate: '2030-01-01' };
    await h.app.relations.register(household(p, { ...year, residentCategory: 'VILLAGE', unitCode: 'V-1' }), CITY);
    const refused = await refusedWithNothingWritten(p, 'E11', () =>
      h.app.relations.register(
        household(p, { ...year, residentCategory: 'WELFARE_INSTITUTION', unitCode: 'W-1', startDate: '2030-03-02' }),
        CITY,
      ),
    );
    expect(refused.reason.zh).toContain('政策参数');
    expect(refused.reason.zh).toContain('2030-03-02');
    expect(refused.reason.en).toContain('市医保中心2030年第3号纪要');

    h.clock.date = '2030-03-03'; // switched back on: the same registration goes through
    const ok = await h.app.relations.register(
      household(p, { ...year, residentCategory: 'WELFARE_INSTITUTION', unitCode: 'W-1', startDate: '2030-03-03' }),
      CITY,
    );
    expect(ok.suspended).toHaveLength(1);
  });
});

describe('E14 — recording the ID, and a clerk’s resumption', () => {
  async function newbornSuspendedByE14() {
    h.clock.date = '2026-08-31';
    const born = await h.app.persons.register(
      {
        idType: 'BIRTH_CERTIFICATE',
        idNumber: `O${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(0, 16),
        name: '新生儿',
        gender: 'FEMALE',
        birthDate: '2026-01-10',
        mobile: null,
        householdRegion: '120104',
        residenceRegion: '120104',
        schoolRegion: null,
      },
      CITY,
    );
    const nb = await h.app.relations.register(
      household(born.id, { residentCategory: 'NEWBORN', unitCode: 'NB-1', startDate: '2026-01-10' }),
      CITY,
    );
    await h.service.runtime.dataSource.query(
      "UPDATE insurance_relation SET status = 'SUSPENDED', end_date = '2026-07-31', suspension_rule = 'E14' WHERE id = $1",
      [nb.relation.id],
    );
    return { personId: born.id, relationId: nb.relation.id };
  }

  it('E14: a clerk cannot resume what the newborn batch suspended while the child has no ID; nothing is written', async () => {
    const { personId, relationId } = await newbornSuspendedByE14();
    const refused = await refusedWithNothingWritten(personId, 'E14', () =>
      h.app.relations.resume(relationId, { zh: '更正', en: 'correction' }, CITY),
    );
    expect(refused.nextStep.en).toMatch(/recordNewbornId/);
    expect(await statusOf(relationId)).toBe('SUSPENDED');
  });

  it('E14: recording the ID does not resume a relation that would now insure the child twice: it stays suspended with an E17 warning', async () => {
    const { personId, relationId } = await newbornSuspendedByE14();
    await h.app.relations.register(household(personId, { startDate: '2026-08-31' }), CITY);
    const result = await h.app.relations.recordNewbornId(
      personId,
      residentId('20260110', '120104', Math.floor(Math.random() * 1000)),
      CITY,
    );
    expect(result.resumed).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ rule: 'E17' })]);
    expect(await statusOf(relationId)).toBe('SUSPENDED');
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
