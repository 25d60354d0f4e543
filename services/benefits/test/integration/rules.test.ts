import { personIdentity } from '@yibao/test-kit';
import {
  BenefitsHarness,
  active,
  contribution,
  newId,
  person,
  registered,
  statusChange,
  suspendedEvent,
  transferFacts,
  transferStatus,
} from './harness';

/** The B rules through the real database: facts arrive as events on the real Kafka, answers are read from the graph. */
describe('benefits rules through PostgreSQL and Kafka', () => {
  const h = new BenefitsHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const PERSON_FIELDS = `query ($reps: [_Any!]!, $on: Date) {
    _entities(representations: $reps) {
      ... on Person {
        id
        benefitStatus(on: $on) { date status rule reason { zh en } }
        waitingPeriods { relationId rule coveredFrom waitingMonths fixedMonths variableMonths repairedMonths floorApplied lapsed
                         exemption lapseYears explanation { rule zh en } parameters { name value effectiveFrom source } }
        contributionYears { actualMonths deemedMonths cumulativeMonths overlapMonths explanation { rule en } }
        personalAccount(on: $on) { balanceFen entries { transferId direction amountFen } }
      }
    }
  }`;

  type Fields = {
    benefitStatus: { status: string; rule: string; reason: { zh: string; en: string } };
    waitingPeriods: Array<{
      relationId: string;
      rule: string;
      coveredFrom: string;
      waitingMonths: number;
      fixedMonths: number;
      variableMonths: number;
      repairedMonths: number;
      floorApplied: boolean;
      lapsed: boolean;
      exemption: string | null;
      lapseYears: number[];
      explanation: Array<{ rule: string; zh: string; en: string }>;
      parameters: Array<{ name: string; value: number; effectiveFrom: string; source: string }>;
    }>;
    contributionYears: { actualMonths: number; deemedMonths: number; cumulativeMonths: number; overlapMonths: number };
    personalAccount: {
      balanceFen: number;
      entries: Array<{ transferId: string; direction: string; amountFen: number }>;
    };
  };

  async function fields(personId: string, on?: string): Promise<Fields> {
    const r = await h.gql<{ _entities: Fields[] }>(PERSON_FIELDS, {
      reps: [{ __typename: 'Person', id: personId }],
      on,
    });
    expect(r.errors).toBeUndefined();
    return r.data!._entities[0]!;
  }

  it('B7: a resident re-joining after a 4-year lapse waits fixed 3 + variable 3 months; the answer is stored, published and explained', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    await h.deliver('person-registered', p, person(p));
    const old = active(p, { periodYear: 2021, startDate: '2021-01-01' });
    await h.deliver('relation-registered', p, registered(old, '2020-11-10'));
    const now = active(p, { periodYear: 2026, startDate: '2026-07-01' });
    await h.deliver('relation-registered', p, registered(now, '2026-07-01'));

    const f = await fields(p, '2026-08-01');
    const answer = f.waitingPeriods.find((w) => w.coveredFrom === '2027-01-01');
    expect(answer).toMatchObject({ rule: 'B7', fixedMonths: 3, variableMonths: 3, waitingMonths: 6, lapsed: true });
    expect(answer!.lapseYears).toEqual([2025, 2024, 2023, 2022]);
    expect(answer!.explanation.map((s) => s.en).slice(-2)).toEqual([
      'waiting period = fixed 3 + variable 3 − repaired 0 = 6 months from 2026-07-01 → covered from 2027-01-01',
      "the waiting period ends after this relation's year (2026): benefits start on 2027-01-01 with next year's enrolment, if continuous",
    ]);
    expect(answer!.parameters.find((x) => x.name === 'waiting.fixedMonths')).toMatchObject({
      value: 3,
      effectiveFrom: '2025-01-01',
      source: expect.stringContaining('国办发〔2024〕38号'),
    });
    expect(f.benefitStatus).toMatchObject({ status: 'WAITING', rule: 'B7' });

    const assigned = await h.published(p, 'waiting-period-assigned');
    expect(assigned.find((a) => a.relationId === now.relationId)).toMatchObject({
      scheme: 'RESIDENT',
      assignedOn: '2026-07-01',
      lapsed: true,
      fixedMonths: 3,
      variableMonths: 3,
      repairedMonths: 0,
      waitingMonths: 6,
      coveredFrom: '2027-01-01',
      exemption: null,
      parameters: expect.arrayContaining([{ name: 'waiting.fixedMonths', effectiveFrom: '2025-01-01' }]),
    });
    const changes = await h.published(p, 'benefit-status-changed');
    expect(changes.at(-1)).toMatchObject({
      status: 'WAITING',
      previousStatus: 'NOT_INSURED',
      effectiveDate: '2026-07-01',
    });
  });

  it('B7: the day a waiting period ends is published by the daily sweep (WAITING → COVERED), once', async () => {
    h.clock.set('2026-03-01');
    const p = newId();
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2024, startDate: '2024-01-01' }), '2023-11-01'),
    );
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2026, startDate: '2026-03-01' }), '2026-03-01'),
    );
    expect((await fields(p)).waitingPeriods.at(-1)).toMatchObject({ waitingMonths: 3, coveredFrom: '2026-06-01' });
    h.clock.set('2026-05-31');
    await h.app.sweep.run();
    expect((await h.published(p, 'benefit-status-changed')).at(-1)?.status).toBe('WAITING');
    h.clock.set('2026-06-03');
    await h.app.sweep.run();
    await h.app.sweep.run();
    const covered = (await h.published(p, 'benefit-status-changed')).filter((c) => c.status === 'COVERED');
    expect(covered).toEqual([
      expect.objectContaining({ previousStatus: 'WAITING', effectiveDate: '2026-06-01', rule: 'B7' }),
    ]);
  });

  it('B7: repair by paying back — the floor after a 4-year lapse holds; a later payment starts the waiting period later (a new answer, the old one kept)', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2021, startDate: '2021-01-01' }), '2020-11-10'),
    );
    const now = active(p, { periodYear: 2026, startDate: '2026-07-01' });
    await h.deliver('relation-registered', p, registered(now, '2026-07-01'));
    // 2025 paid back: 3 + 3 − 1 = 5, but a lapse of 4 years keeps at least 6 months
    await h.deliver(
      'contribution-recorded',
      p,
      contribution(p, { kind: 'BACK_PAYMENT', year: 2025, paidOn: '2026-07-01' }),
    );
    expect(await h.count('benefit_start', 'person_id = $1 AND relation_id = $2', [p, now.relationId])).toBe(1); // unchanged: nothing new
    // the year's contribution paid on 2026-07-20: the waiting period runs from the payment
    await h.deliver('contribution-recorded', p, contribution(p, { paidOn: '2026-07-20' }));
    const f = await fields(p);
    expect(f.waitingPeriods.find((w) => w.relationId === now.relationId)).toMatchObject({
      repairedMonths: 1,
      floorApplied: true,
      waitingMonths: 6,
      coveredFrom: '2027-01-20',
    });
    expect(await h.count('benefit_start', 'person_id = $1 AND relation_id = $2', [p, now.relationId])).toBe(2);
    const assigned = (await h.published(p, 'waiting-period-assigned')).filter((a) => a.relationId === now.relationId);
    expect(assigned.map((a) => a.coveredFrom)).toEqual(['2027-01-01', '2027-01-20']);
  });

  it("B6 and E3: from the employee scheme to this year's resident scheme after 2+ years and a 1-month gap → covered from the day after payment; the suspension month stays covered", async () => {
    h.clock.set('2026-03-10');
    const p = newId();
    const job = active(p, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      residentCategory: null,
      periodYear: 2023,
      startDate: '2023-01-01',
    });
    await h.deliver('relation-registered', p, registered(job, '2023-01-01'));
    await h.deliver('relation-suspended', p, suspendedEvent(job, 'E15', '2026-03-10', '2026-03-31'));
    expect((await fields(p, '2026-03-20')).benefitStatus).toMatchObject({ status: 'COVERED', rule: 'E3' });
    expect((await fields(p, '2026-04-15')).benefitStatus).toMatchObject({ status: 'SUSPENDED', rule: 'E15' });

    h.clock.set('2026-05-06');
    const resident = active(p, { periodYear: 2026, startDate: '2026-05-06' });
    await h.deliver('contribution-recorded', p, contribution(p, { paidOn: '2026-05-06' }));
    await h.deliver('relation-registered', p, registered(resident, '2026-05-06'));
    const answer = (await fields(p)).waitingPeriods.find((w) => w.rule === 'B6');
    expect(answer).toMatchObject({ exemption: 'B6', coveredFrom: '2026-05-07', lapsed: false, waitingMonths: 0 });
    expect(answer!.explanation.at(-1)!.zh).toContain('自参保缴费次日 2026-05-07 起享受居民医保待遇');
    expect(answer!.parameters.map((x) => x.name)).toEqual(
      expect.arrayContaining(['b6.continuousYears', 'waiting.employeeGapExemptMonths']),
    );
  });

  it('E14: a newborn suspended after 180 days without an ID is SUSPENDED, and restored when the ID is recorded', async () => {
    h.clock.set('2026-07-31');
    const p = newId();
    await h.deliver(
      'person-registered',
      p,
      person(p, { idType: 'BIRTH_CERTIFICATE', birthDate: '2026-01-10', gender: 'FEMALE' }),
    );
    const baby = active(p, { residentCategory: 'NEWBORN', periodYear: 2026, startDate: '2026-01-10' });
    await h.deliver('relation-registered', p, registered(baby, '2026-01-20'));
    expect((await fields(p)).waitingPeriods[0]).toMatchObject({ exemption: 'NEWBORN', coveredFrom: '2026-01-10' });
    await h.deliver('relation-suspended', p, suspendedEvent(baby, 'E14', '2026-07-31'));
    expect((await h.published(p, 'benefit-status-changed')).at(-1)).toMatchObject({
      status: 'SUSPENDED',
      previousStatus: 'COVERED',
      rule: 'E14',
      effectiveDate: '2026-08-01',
    });
    h.clock.set('2026-08-20');
    expect((await fields(p)).benefitStatus).toMatchObject({ status: 'SUSPENDED', rule: 'E14' });
    await h.deliver('relation-resumed', p, statusChange(baby, 'SUSPENDED', 'E14', '2026-08-20'));
    expect((await fields(p)).benefitStatus).toMatchObject({ status: 'COVERED', rule: 'E14' });
    expect((await h.published(p, 'benefit-status-changed')).at(-1)).toMatchObject({
      status: 'COVERED',
      previousStatus: 'SUSPENDED',
      rule: 'E14',
    });
  });

  it("B3 and B4: an inbound transfer's info sheet — another province's employee years are deemed, overlaps counted once", async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    const job = active(p, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      residentCategory: null,
      periodYear: 2020,
      startDate: '2020-01-01',
    });
    await h.deliver('relation-registered', p, registered(job, '2020-01-01'));
    const t = transferFacts(p);
    await h.deliver('transfer-status-changed', p, transferStatus(t, 'INFO_SHEET_RECEIVED'));
    const r = await h.gql<{
      recordInfoSheet: { actualMonths: number; deemedMonths: number; overlapMonths: number; cumulativeMonths: number };
    }>(
      `mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { actualMonths deemedMonths overlapMonths cumulativeMonths } }`,
      {
        input: {
          transferId: t.transferId,
          periods: [
            { scheme: 'EMPLOYEE', regionCode: '110105', from: '2014-01-01', to: '2020-06-30' },
            { scheme: 'EMPLOYEE', regionCode: '120103', from: '2010-01-01', to: '2011-12-31' },
          ],
        },
      },
    );
    expect(r.errors).toBeUndefined();
    // 2020-01..2026-07 Tianjin actual (79) + 2010–2011 Tianjin actual (24); 2014-01..2019-12 deemed (72); 2020-01..06 once
    expect(r.data!.recordInfoSheet).toEqual({
      actualMonths: 103,
      deemedMonths: 72,
      overlapMonths: 6,
      cumulativeMonths: 175,
    });
    const again = await h.gql(
      `mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { cumulativeMonths } }`,
      {
        input: {
          transferId: t.transferId,
          periods: [{ scheme: 'EMPLOYEE', regionCode: '110105', from: '2014-01-01', to: '2014-12-31' }],
        },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await h.count('info_sheet_period', 'transfer_id = $1', [t.transferId])).toBe(2);
  });

  it('B5: retirement date under the reform, the years on record, and the quote for the make-up', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    await h.deliver('person-registered', p, person(p, { gender: 'FEMALE', birthDate: '1975-03-01' }));
    const job = active(p, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'FLEXIBLE',
      residentCategory: null,
      periodYear: 2010,
      startDate: '2010-07-01',
    });
    await h.deliver('relation-registered', p, registered(job, '2010-07-01'));
    const r = await h.gql<{
      _entities: Array<{ retirement: Record<string, unknown> & { date: Record<string, unknown> } }>;
    }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
         retirement(group: FEMALE_50) { date { retirementDate delayMonths ageYears ageMonths }
           requiredMonths cumulativeMonths actualMonths sufficient shortfallMonths makeUpQuoteFen
           explanation { rule en } parameters { name } } } } }`,
      { reps: [{ __typename: 'Person', id: p }] },
    );
    expect(r.errors).toBeUndefined();
    const ret = r.data!._entities[0]!.retirement;
    expect(ret.date).toEqual({ retirementDate: '2025-05-01', delayMonths: 2, ageYears: 50, ageMonths: 2 });
    // 2010-07 … 2026-07 = 193 months; women need 240 → 47 months × 7,000 yuan × 12%
    expect(ret).toMatchObject({ requiredMonths: 240, cumulativeMonths: 193, sufficient: false, shortfallMonths: 47 });
    expect(ret.makeUpQuoteFen).toBe((700000 * 12 * 47) / 100);
  });

  it('B8: an account-transferred credit is booked once per transfer, even when re-published under a new event id; an outbound transfer sends the whole balance (0 after, never negative)', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    const t = transferFacts(p);
    const credit = { ...t, amountFen: 1234567, on: '2026-06-15' };
    const first = await h.deliver('account-transferred', p, credit);
    await h.redeliver(first, p); // the same envelope again: the inbox has it
    await h.deliver('account-transferred', p, credit); // the same transfer under a new event id: B8 refuses it
    const out = transferFacts(p, { direction: 'OUTBOUND', sourceRegion: '120104', destinationRegion: '310101' });
    await h.deliver('account-transferred', p, { ...out, amountFen: 200000, on: '2026-06-30' });
    expect(await h.count('account_entry', 'person_id = $1', [p])).toBe(2);
    expect((await fields(p, '2026-06-20')).personalAccount.balanceFen).toBe(1234567);
    expect((await fields(p, '2026-07-01')).personalAccount).toMatchObject({ balanceFen: 0 });
    // a Tianjin employee's account (filled by contributions benefits does not see) sent out: 0, not −200000
    const q = newId();
    const leaving = transferFacts(q, { direction: 'OUTBOUND', sourceRegion: '120104', destinationRegion: '130102' });
    const sent = await h.deliver('account-transferred', q, { ...leaving, amountFen: 200000, on: '2026-06-30' });
    await h.redeliver(sent, q);
    expect(await h.count('account_entry', 'person_id = $1', [q])).toBe(1);
    expect((await fields(q, '2026-07-01')).personalAccount).toMatchObject({ balanceFen: 0 });
  });

  it('B1: an employee relation after a gap of more than 3 months waits at most 6 months; a shorter gap is covered at once', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    const first = active(p, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'FLEXIBLE',
      residentCategory: null,
      periodYear: 2020,
      startDate: '2020-01-01',
    });
    await h.deliver('relation-registered', p, registered(first, '2020-01-01'));
    await h.deliver(
      'relation-terminated',
      p,
      statusChange({ ...first, status: 'TERMINATED' }, 'ACTIVE', 'TERMINATION', '2025-12-31'),
    );
    const later = active(p, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      residentCategory: null,
      periodYear: 2026,
      startDate: '2026-07-01',
    });
    await h.deliver('relation-registered', p, registered(later, '2026-07-01'));
    const answer = (await fields(p)).waitingPeriods.find((w) => w.relationId === later.relationId);
    expect(answer).toMatchObject({ rule: 'B1', lapsed: true, waitingMonths: 6, coveredFrom: '2027-01-01' });
    expect(answer!.parameters.map((x) => x.name)).toEqual([
      'employeeGap.maxBackPayMonths',
      'employeeGap.maxWaitingMonths',
    ]);

    const q = newId();
    const before = active(q, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'FLEXIBLE',
      residentCategory: null,
      periodYear: 2020,
      startDate: '2020-01-01',
    });
    await h.deliver('relation-registered', q, registered(before, '2020-01-01'));
    await h.deliver(
      'relation-terminated',
      q,
      statusChange({ ...before, status: 'TERMINATED' }, 'ACTIVE', 'TERMINATION', '2026-04-30'),
    );
    const next = active(q, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      residentCategory: null,
      periodYear: 2026,
      startDate: '2026-07-01',
    });
    await h.deliver('relation-registered', q, registered(next, '2026-07-01'));
    expect((await fields(q)).waitingPeriods.find((w) => w.relationId === next.relationId)).toMatchObject({
      rule: 'B1',
      waitingMonths: 0,
      coveredFrom: '2026-07-01',
    });
  });

  it('B2: resident years brought in by a transfer count toward the years in a row (continuity, incentive)', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    for (const year of [2024, 2025, 2026])
      await h.deliver(
        'relation-registered',
        p,
        registered(active(p, { periodYear: year, startDate: `${year}-01-01` }), `${year - 1}-11-01`),
      );
    const t = transferFacts(p, { fromScheme: 'RESIDENT', toScheme: 'RESIDENT', sourceRegion: '130102' });
    await h.deliver('transfer-status-changed', p, transferStatus(t, 'INFO_SHEET_RECEIVED'));
    const sheet = await h.gql(
      `mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { cumulativeMonths } }`,
      {
        input: {
          transferId: t.transferId,
          periods: [{ scheme: 'RESIDENT', regionCode: '130102', from: '2021-01-01', to: '2023-12-31' }],
        },
      },
    );
    expect(sheet.errors).toBeUndefined();
    const r = await h.gql<{
      _entities: Array<{ continuity: Record<string, unknown>; incentive: Record<string, unknown> }>;
    }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
         continuity(on: "2026-07-01") { continuousMonths gapMonths lapsed lapseYears }
         incentive(forYear: 2027, originalCeilingYuan: 300000) { fullYearsInRow raiseSteps raiseYuan cappedRaiseYuan explanation { rule en } }
       } } }`,
      { reps: [{ __typename: 'Person', id: p }] },
    );
    expect(r.errors).toBeUndefined();
    const e = r.data!._entities[0]!;
    // 2021-01 … 2026-06 in a row: 66 months, 36 of them in Hebei
    expect(e.continuity).toEqual({ continuousMonths: 66, gapMonths: 0, lapsed: false, lapseYears: [] });
    expect(e.incentive).toMatchObject({ fullYearsInRow: 6, raiseSteps: 2, raiseYuan: 2000, cappedRaiseYuan: 2000 });
  });

  it('reads check the caller: a person reads only their own benefits', async () => {
    const p = newId();
    await h.deliver('person-registered', p, person(p));
    const q = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { benefitStatus { status } } } }`;
    const mine = await h.gql(q, { reps: [{ __typename: 'Person', id: p }] }, personIdentity(p));
    expect(mine.errors).toBeUndefined();
    const other = await h.gql(q, { reps: [{ __typename: 'Person', id: p }] }, personIdentity(newId()));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
