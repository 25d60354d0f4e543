import { CITY_STAFF, DISTRICT_STAFF, personIdentity } from '@yibao/test-kit';
import { BenefitsHarness, active, newId, person, registered, transferFacts, transferStatus } from './harness';

/** Parameters through the graph (versions, audit, never rewriting an answer) and bad input that changes nothing. */
describe('benefits graph: policy parameters and bad input', () => {
  const h = new BenefitsHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const SET = `mutation ($input: BenefitParameterInput!) {
    setBenefitParameter(input: $input) { name value effectiveFrom source basis note }
  }`;
  const IN_FORCE = `query ($on: Date) { policyParameters(on: $on) { name value effectiveFrom source basis note } }`;

  type Param = {
    name: string;
    value: number;
    effectiveFrom: string;
    source: string;
    basis: string;
    note: string | null;
  };

  function fieldsOf(r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) {
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return (r.errors![0]!.extensions!.fields as Array<{ field: string; zh: string; en: string }>).map((f) => f.field);
  }

  it('every seeded parameter cites a policy document; none cites WAITING-PERIODS.md; PENDING_TIANJIN says what is open', async () => {
    h.clock.set('2026-07-01');
    const r = await h.gql<{ policyParameters: Param[] }>(IN_FORCE, { on: '2026-07-01' });
    expect(r.errors).toBeUndefined();
    const rows = r.data!.policyParameters;
    expect(rows).toHaveLength(30);
    for (const p of rows) {
      expect(p.source).not.toMatch(/WAITING-PERIODS/);
      expect(p.source).toMatch(/号|办法|通知|决定/);
      if (p.basis === 'PENDING_TIANJIN') expect(p.note).toBeTruthy();
    }
    const byName = Object.fromEntries(rows.map((p) => [p.name, p]));
    expect(byName['employeeGap.maxWaitingMonths']).toMatchObject({ effectiveFrom: '2021-11-01' });
    expect(byName['waiting.employeeGapExemptMonths']).toMatchObject({ effectiveFrom: '2025-07-31', basis: 'TIANJIN' });
    expect(byName['retirement.capMonths.female50']).toMatchObject({ value: 60 });
    // before the Tianjin notice there was no B6; before 2021-11-01 no 43号 row
    const early = await h.gql<{ policyParameters: Param[] }>(IN_FORCE, { on: '2021-10-31' });
    expect(early.data!.policyParameters).toEqual([]);
  });

  // the new version is set far ahead: the test databases are shared with the end-to-end run on the real clock
  it('B7: the city centre sets a new version from a future date, with an audit record; answers already given keep theirs', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2020, startDate: '2020-01-01' }), '2019-11-01'),
    );
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2026, startDate: '2026-07-01' }), '2026-07-01'),
    );
    const before = await h.count('benefit_start', 'person_id = $1', [p]);

    const r = await h.gql<{ setBenefitParameter: Param }>(SET, {
      input: {
        name: 'waiting.fixedMonths',
        value: 2,
        effectiveFrom: '2090-01-01',
        source: '健全本市基本医疗保险参保长效机制若干措施（测试）',
        basis: 'TIANJIN',
        reason: '本市措施出台',
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setBenefitParameter).toMatchObject({ value: 2, effectiveFrom: '2090-01-01', basis: 'TIANJIN' });
    const audit = await h.gql<{ policyParameterChanges: Array<Record<string, unknown>> }>(
      `{ policyParameterChanges(name: "waiting.fixedMonths") { value effectiveFrom previousValue previousEffectiveFrom actorSubject actorRole reason } }`,
    );
    expect(audit.data!.policyParameterChanges[0]).toEqual({
      value: 2,
      effectiveFrom: '2090-01-01',
      previousValue: 3,
      previousEffectiveFrom: '2025-01-01',
      actorSubject: CITY_STAFF.subject,
      actorRole: 'CITY_STAFF',
      reason: '本市措施出台',
    });
    // the answer given before is untouched: it still states fixed 3 from 2025-01-01
    expect(await h.count('benefit_start', 'person_id = $1', [p])).toBe(before);
    const [stored] = await h.service.runtime.dataSource.query(
      `SELECT fixed_months, parameters FROM benefit_start WHERE person_id = $1 ORDER BY seq DESC LIMIT 1`,
      [p],
    );
    expect(stored.fixed_months).toBe(3);
    expect(stored.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'waiting.fixedMonths', effectiveFrom: '2025-01-01', value: 3 }),
      ]),
    );
    // a what-if for a start after the new version uses it, and says so
    const quote = await h.gql<{
      waitingPeriodQuote: { fixedMonths: number; parameters: Array<{ name: string; effectiveFrom: string }> };
    }>(
      `query ($input: WaitingPeriodQuoteInput!) { waitingPeriodQuote(input: $input) { fixedMonths parameters { name effectiveFrom } } }`,
      { input: { personId: p, startDate: '2090-03-01' } },
    );
    expect(quote.errors).toBeUndefined();
    expect(quote.data!.waitingPeriodQuote.fixedMonths).toBe(2);
    expect(quote.data!.waitingPeriodQuote.parameters).toContainEqual({
      name: 'waiting.fixedMonths',
      effectiveFrom: '2090-01-01',
    });
    // the stored answers cannot be rewritten, even by hand
    await expect(
      h.service.runtime.dataSource.query('UPDATE benefit_start SET fixed_months = 2 WHERE person_id = $1', [p]),
    ).rejects.toThrow(/append-only/);
  });

  it('bad input: a parameter effective today or in the past, an unknown name, a value out of range — every field, nothing written', async () => {
    h.clock.set('2026-07-01');
    const rows = await h.count('policy_parameter');
    const audits = await h.count('policy_parameter_change');
    const r = await h.gql(SET, {
      input: {
        name: 'waiting.fixedMonths',
        value: 2.5,
        effectiveFrom: '2026-07-01',
        source: '测试',
        basis: 'TIANJIN',
        reason: '测试',
      },
    });
    expect(fieldsOf(r)).toEqual(['input.value', 'input.effectiveFrom']);
    expect(r.errors![0]!.extensions!.fields).toContainEqual({
      field: 'input.effectiveFrom',
      zh: expect.stringContaining('生效日期须晚于今天'),
      en: expect.stringContaining('must be after today'),
    });
    expect(
      fieldsOf(
        await h.gql(SET, {
          input: {
            name: 'waiting.unknown',
            value: 1,
            effectiveFrom: '2026-08-01',
            source: '测试',
            basis: 'TIANJIN',
            reason: '测试',
          },
        }),
      ),
    ).toEqual(['input.name']);
    expect(
      fieldsOf(
        await h.gql(SET, {
          input: {
            name: 'waiting.fixedMonths',
            value: 1,
            effectiveFrom: '2025-01-01',
            source: '测试',
            basis: 'TIANJIN',
            reason: '测试',
          },
        }),
      ),
    ).toEqual(['input.effectiveFrom']);
    expect(
      fieldsOf(
        await h.gql(SET, {
          input: {
            name: 'waiting.fixedMonths',
            value: 1,
            effectiveFrom: '2026-08-01',
            source: ' ',
            basis: 'TIANJIN',
            reason: '测试',
          },
        }),
      ),
    ).toEqual(['input.source']);
    expect(await h.count('policy_parameter')).toBe(rows);
    expect(await h.count('policy_parameter_change')).toBe(audits);
  });

  it('only the city centre changes a parameter', async () => {
    const input = {
      name: 'waiting.fixedMonths',
      value: 1,
      effectiveFrom: '2027-01-01',
      source: '测试',
      basis: 'TIANJIN',
      reason: '测试',
    };
    expect((await h.gql(SET, { input }, DISTRICT_STAFF)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.gql(SET, { input }, personIdentity(newId()))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('bad input: dates before 1900 or far in the future, an unknown person, an unknown transfer', async () => {
    h.clock.set('2026-07-01');
    const p = newId();
    await h.deliver('person-registered', p, person(p));
    const status = `query ($reps: [_Any!]!, $on: Date) { _entities(representations: $reps) { ... on Person { benefitStatus(on: $on) { status } } } }`;
    const old = await h.gql(status, { reps: [{ __typename: 'Person', id: p }], on: '1899-12-31' });
    expect(fieldsOf(old)).toEqual(['on']);
    expect((old.errors![0]!.extensions!.fields as Array<{ en: string }>)[0]!.en).toBe(
      'the date must not be before 1900-01-01',
    );
    expect(fieldsOf(await h.gql(status, { reps: [{ __typename: 'Person', id: p }], on: '2127-01-01' }))).toEqual([
      'on',
    ]);
    expect(fieldsOf(await h.gql(`{ policyParameters(on: "1066-10-14") { name } }`))).toEqual(['on']);
    // B5 asked for a day before the reform's parameters took effect: a clear answer, not an internal error
    const early = await h.gql(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { retirement(asOf: "2024-06-01") { sufficient } } } }`,
      { reps: [{ __typename: 'Person', id: p }] },
    );
    expect(fieldsOf(early)).toEqual(['asOf']);
    expect((early.errors![0]!.extensions!.fields as Array<{ en: string }>)[0]!.en).toMatch(
      /not in force on 2024-06-01/,
    );
    expect(
      fieldsOf(await h.gql(`{ retirementDate(birthDate: "2030-01-01", group: MALE_60) { retirementDate } }`)),
    ).toEqual(['birthDate']);

    const quote = await h.gql(
      `query ($input: WaitingPeriodQuoteInput!) { waitingPeriodQuote(input: $input) { coveredFrom } }`,
      { input: { personId: newId(), startDate: '2026-08-01' } },
    );
    expect(fieldsOf(quote)).toEqual(['input.personId']);
    expect((quote.errors![0]!.extensions!.fields as Array<{ zh: string }>)[0]!.zh).toMatch(/未知的参保人/);

    const sheets = await h.count('info_sheet_period');
    const unknown = await h.gql(
      `mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { cumulativeMonths } }`,
      {
        input: {
          transferId: newId(),
          periods: [{ scheme: 'EMPLOYEE', regionCode: '110105', from: '2015-01-01', to: '2016-01-01' }],
        },
      },
    );
    expect(fieldsOf(unknown)).toEqual(['input.transferId']);
    const t = transferFacts(p);
    await h.deliver('transfer-status-changed', p, transferStatus(t, 'INFO_SHEET_RECEIVED'));
    const backwards = await h.gql(
      `mutation ($input: InfoSheetPeriodsInput!) { recordInfoSheet(input: $input) { cumulativeMonths } }`,
      {
        input: {
          transferId: t.transferId,
          periods: [
            { scheme: 'EMPLOYEE', regionCode: '110105', from: '2016-01-01', to: '2015-01-01' },
            { scheme: 'EMPLOYEE', regionCode: '999999', from: '1850-01-01', to: '2030-01-01' },
          ],
        },
      },
    );
    expect(fieldsOf(backwards)).toEqual([
      'input.periods.0.to',
      'input.periods.1.from',
      'input.periods.1.to',
      'input.periods.1.regionCode',
    ]);
    expect(await h.count('info_sheet_period')).toBe(sheets);
  });
});
