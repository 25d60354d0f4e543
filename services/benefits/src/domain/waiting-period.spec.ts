import { addMonths } from '@yibao/shared';
import { coverageSpans } from './ledger';
import { decideBenefitStart, isLapsed, type BenefitStartInput } from './waiting-period';
import { employee, params, relation, residentYears, suspended } from './spec-fixtures';
import type { RelationFacts } from './types';
import { continuityBefore } from './continuity';

/** A Tianjin household resident joining on `start`, after resident years `from`..`lastCovered`. */
function rejoin(
  lastCovered: number | null,
  over: Partial<BenefitStartInput> & { start?: string; newRelation?: Partial<RelationFacts> } = {},
): BenefitStartInput {
  const start = over.start ?? '2026-07-01';
  const history = lastCovered === null ? [] : residentYears(2015, lastCovered);
  return {
    relation: relation({ startDate: start, registeredOn: start, ...over.newRelation }),
    history: coverageSpans(history, []),
    paidOn: over.paidOn ?? start,
    birthDate: over.birthDate ?? '1990-05-05',
    inCentralisedPeriod: over.inCentralisedPeriod ?? false,
    repairYearsPaid: over.repairYearsPaid ?? [],
  };
}

describe('B7 — waiting period: fixed + variable − repair, floor after a long lapse, exemptions', () => {
  // lapse years = calendar years with no relation just before 2026 (the start year)
  it.each([
    // lapse, last covered year, waiting months, fixed, variable
    [0, 2025, 3, 3, 0],
    [1, 2024, 3, 3, 0],
    [2, 2023, 4, 3, 1],
    [3, 2022, 5, 3, 2],
    [4, 2021, 6, 3, 3],
    [5, 2020, 7, 3, 4],
    [6, 2019, 8, 3, 5],
  ])(
    'B7: lapse of %i years (last covered %i), outside the centralised period → %i months',
    (lapse, last, months, fixed, variable) => {
      const answer = decideBenefitStart(rejoin(last), params('2026-07-01'));
      expect(answer.rule).toBe('B7');
      expect(answer.continuity.lapseYears).toHaveLength(lapse);
      expect(answer).toMatchObject({
        fixedMonths: fixed,
        variableMonths: variable,
        repairedMonths: 0,
        waitingMonths: months,
      });
      expect(answer.coveredFrom).toBe(addMonths('2026-07-01', months));
    },
  );

  it.each([
    // lapse, repaired years, expected waiting, floor applied
    [2, [2025], 3, false],
    [3, [2024], 4, false],
    [3, [2024, 2025], 3, false],
    [3, [2023, 2024, 2025], 3, false], // repair never takes more than the variable part
    [4, [2025], 6, true], // 3 + 3 − 1 = 5 < 6
    [5, [2025], 6, false], // 3 + 4 − 1 = 6
    [5, [2024, 2025], 6, true],
    [6, [2025], 7, false],
    [6, [2021, 2022, 2023, 2024, 2025], 6, true],
  ])('B7: lapse of %i years, %j paid back → %i months (floor %s)', (lapse, repair, months, floor) => {
    const answer = decideBenefitStart(rejoin(2025 - lapse, { repairYearsPaid: repair }), params('2026-07-01'));
    expect(answer.waitingMonths).toBe(months);
    expect(answer.floorApplied).toBe(floor);
  });

  it("B7: a waiting period ending after the relation's year says that benefits start with next year's enrolment", () => {
    const answer = decideBenefitStart(rejoin(2021, { start: '2026-10-01' }), params('2026-10-01'));
    expect(answer.coveredFrom).toBe('2027-04-01');
    expect(answer.steps.at(-1)?.zh).toContain('须连续参加下一年度居民医保');
  });

  it('B7: a back-payment for a year that was not a lapse year repairs nothing', () => {
    const answer = decideBenefitStart(rejoin(2022, { repairYearsPaid: [2019] }), params('2026-07-01'));
    expect(answer.repairedMonths).toBe(0);
    expect(answer.waitingMonths).toBe(5);
  });

  it('B7: the example of the issue — lapsed 3 years, repaired 1 → 4 months → covered from 2027-05-01, explained', () => {
    const input = rejoin(2023, {
      start: '2027-01-01',
      paidOn: '2026-11-15',
      inCentralisedPeriod: true,
      repairYearsPaid: [2026],
      newRelation: { registeredOn: '2026-11-15' },
    });
    const answer = decideBenefitStart(input, params('2027-01-01'));
    expect(answer).toMatchObject({ fixedMonths: 3, variableMonths: 2, repairedMonths: 1, waitingMonths: 4 });
    expect(answer.coveredFrom).toBe('2027-05-01');
    expect(answer.steps.map((s) => s.en).join('\n')).toMatch(
      /lapsed 3 years[\s\S]*repair by paying: 1 year[\s\S]*fixed 3 \+ variable 2 − repaired 1 = 4 months from 2027-01-01 → covered from 2027-05-01/,
    );
    expect(answer.steps.map((s) => s.zh).join('\n')).toContain('自 2027-05-01 起享受待遇');
    expect(answer.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'waiting.fixedMonths',
        'waiting.variableMonthsPerLapseYear',
        'waiting.repairMonthsPerYearPaid',
      ]),
    );
  });

  it('B7: inside the centralised period without a lapse year → no waiting period, covered from 1 January', () => {
    const answer = decideBenefitStart(
      rejoin(2025, { start: '2026-01-01', paidOn: '2025-10-10', inCentralisedPeriod: true }),
      params('2026-01-01'),
    );
    expect(answer).toMatchObject({ waitingMonths: 0, coveredFrom: '2026-01-01', lapsed: false });
  });

  it('B7: the waiting period runs from the payment when it is later than the start', () => {
    const answer = decideBenefitStart(rejoin(2024, { paidOn: '2026-07-20' }), params('2026-07-20'));
    expect(answer.waitingStartsOn).toBe('2026-07-20');
    expect(answer.coveredFrom).toBe('2026-10-20');
  });

  it('B7: a first enrolment outside the centralised period waits the fixed months only', () => {
    const answer = decideBenefitStart(rejoin(null), params('2026-07-01'));
    expect(answer).toMatchObject({ waitingMonths: 3, variableMonths: 0, lapsed: false, coveredFrom: '2026-10-01' });
  });

  it('B7: no waiting-period rule before 2025 (国办发〔2024〕38号) → covered from the start', () => {
    const answer = decideBenefitStart(rejoin(2020, { start: '2024-07-01' }), params('2024-07-01'));
    expect(answer.coveredFrom).toBe('2024-07-01');
    expect(answer.steps.at(-1)?.en).toMatch(/no waiting-period rule/);
  });

  it('B7: exempt — a newborn enrolled within the first year does not wait', () => {
    const answer = decideBenefitStart(
      rejoin(null, { birthDate: '2026-03-10', newRelation: { residentCategory: 'NEWBORN' } }),
      params('2026-07-01'),
    );
    expect(answer).toMatchObject({ exemption: 'NEWBORN', waitingMonths: 0, coveredFrom: '2026-07-01' });
  });

  it('B7: exempt groups are configurable — a school enrolment waits until the flag is set', () => {
    const input = rejoin(2022, { newRelation: { residentCategory: 'SCHOOL' } });
    expect(decideBenefitStart(input, params('2026-07-01')).waitingMonths).toBe(5);
    const exempt = decideBenefitStart(input, params('2026-07-01', { 'waiting.exempt.school': 1 }));
    expect(exempt).toMatchObject({ exemption: 'SCHOOL', waitingMonths: 0 });
    expect(exempt.parameters.find((p) => p.name === 'waiting.exempt.school')?.value).toBe(1);
  });

  it('B7: the newborn exemption can be switched off by a new parameter version', () => {
    const answer = decideBenefitStart(
      rejoin(null, { birthDate: '2026-03-10', newRelation: { residentCategory: 'NEWBORN' } }),
      params('2026-07-01', { 'waiting.exempt.newborn': 0 }),
    );
    expect(answer.exemption).toBeNull();
    expect(answer.waitingMonths).toBe(3);
  });

  it('B7: parameters change the arithmetic (fixed 2, variable 2 per year)', () => {
    const answer = decideBenefitStart(
      rejoin(2022),
      params('2026-07-01', { 'waiting.fixedMonths': 2, 'waiting.variableMonthsPerLapseYear': 2 }),
    );
    expect(answer.waitingMonths).toBe(2 + 2 * 2);
  });
});

describe("B6 — employee → this year's resident scheme", () => {
  const employeeUntil = (from: string, suspendedOn: string) =>
    employee({
      startDate: from,
      status: 'SUSPENDED',
      changes: [
        suspended(
          suspendedOn,
          'E15',
          `${suspendedOn.slice(0, 7)}-${suspendedOn.slice(0, 7) === '2026-02' ? '28' : '31'}`,
        ),
      ],
    });

  function switchInput(employeeFrom: string, suspendedOn: string, start: string, paidOn = start): BenefitStartInput {
    return {
      relation: relation({ startDate: start, registeredOn: start }),
      history: coverageSpans([employeeUntil(employeeFrom, suspendedOn)], []),
      paidOn,
      birthDate: '1990-01-01',
      inCentralisedPeriod: false,
      repairYearsPaid: [],
    };
  }

  it('B6: 2+ years in a row and a gap of at most 3 months → covered from the day after payment', () => {
    const answer = decideBenefitStart(
      switchInput('2023-01-01', '2026-03-10', '2026-07-01', '2026-07-05'),
      params('2026-08-01'),
    );
    expect(answer.continuity.gapMonths).toBe(3); // April, May, June
    expect(answer).toMatchObject({
      rule: 'B6',
      exemption: 'B6',
      lapsed: false,
      coveredFrom: '2026-07-06',
      waitingMonths: 0,
    });
    expect(answer.steps.at(-1)?.zh).toContain('自参保缴费次日 2026-07-06 起享受居民医保待遇');
  });

  it('B6: exactly 2 years in a row counts (连续2年（含）以上)', () => {
    const answer = decideBenefitStart(switchInput('2024-03-01', '2026-02-27', '2026-03-02'), params('2026-08-01'));
    expect(answer.continuity.continuousMonths).toBe(24);
    expect(answer.rule).toBe('B6');
  });

  it('B6: a gap of more than 3 months → lapsed, B7 applies', () => {
    const answer = decideBenefitStart(switchInput('2023-01-01', '2026-02-10', '2026-07-01'), params('2026-08-01'));
    expect(answer.continuity.gapMonths).toBe(4);
    expect(answer).toMatchObject({ rule: 'B7', lapsed: true, waitingMonths: 3 });
    expect(answer.steps.some((s) => s.rule === 'B6' && /a gap of more than 3 months/.test(s.en))).toBe(true);
  });

  it('B6: fewer than 2 years in a row → lapsed, B7 applies', () => {
    const answer = decideBenefitStart(switchInput('2025-01-01', '2026-03-10', '2026-05-01'), params('2026-08-01'));
    expect(answer).toMatchObject({ rule: 'B7', lapsed: true });
    expect(answer.steps.some((s) => /fewer than 2 years/.test(s.en))).toBe(true);
  });

  it('B6: the required years are a parameter', () => {
    const answer = decideBenefitStart(
      switchInput('2025-01-01', '2026-03-10', '2026-05-01'),
      params('2026-08-01', { 'b6.continuousYears': 1 }),
    );
    expect(answer.rule).toBe('B6');
  });

  it('B6: not in force before the Tianjin notice (2025-07-31)', () => {
    const answer = decideBenefitStart(switchInput('2022-01-01', '2025-03-10', '2025-05-01'), params('2025-05-01'));
    expect(answer.rule).toBe('B7');
    expect(answer.parameters.map((p) => p.name)).not.toContain('b6.continuousYears');
  });

  it('B6: lapsed means a gap over 3 months or fewer than 2 years in a row', () => {
    const c = continuityBefore(coverageSpans([employeeUntil('2020-01-01', '2026-01-15')], []), '2026-06-01');
    expect(isLapsed(c, params('2026-08-01'))).toBe(true);
    const d = continuityBefore(coverageSpans([employeeUntil('2020-01-01', '2026-03-15')], []), '2026-06-01');
    expect(isLapsed(d, params('2026-08-01'))).toBe(false);
  });
});

describe('B1 — employee scheme around a transfer (医保办发〔2021〕43号)', () => {
  const history = coverageSpans(
    [
      employee({
        startDate: '2020-01-01',
        status: 'SUSPENDED',
        changes: [suspended('2025-12-10', 'E15', '2025-12-31')],
      }),
    ],
    [],
  );
  it('B1: a gap of at most 3 months → covered from the start (paid back, retroactive)', () => {
    const answer = decideBenefitStart(
      {
        relation: employee({ startDate: '2026-04-01' }),
        history,
        paidOn: null,
        birthDate: null,
        inCentralisedPeriod: false,
        repairYearsPaid: [],
      },
      params('2026-04-01'),
    );
    expect(answer).toMatchObject({ rule: 'B1', coveredFrom: '2026-04-01', waitingMonths: 0 });
  });
  it('B1: a longer gap → a waiting period of at most 6 months', () => {
    const answer = decideBenefitStart(
      {
        relation: employee({ startDate: '2026-06-01' }),
        history,
        paidOn: null,
        birthDate: null,
        inCentralisedPeriod: false,
        repairYearsPaid: [],
      },
      params('2026-06-01'),
    );
    expect(answer).toMatchObject({ rule: 'B1', lapsed: true, waitingMonths: 6, coveredFrom: '2026-12-01' });
  });
});
