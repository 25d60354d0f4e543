import { makeUpQuoteFen, retirementDate, retirementYears, type RetirementGroup } from './retirement';
import { params } from './spec-fixtures';

describe('B5 — statutory retirement date under the 2025 reform', () => {
  it.each<[RetirementGroup, string, number, string, string]>([
    // group, birth date, delay months, retirement date, age
    ['MALE_60', '1964-12-15', 0, '2024-12-15', '60y0m'], // original date before 2025-01: no delay
    ['MALE_60', '1965-01-10', 1, '2025-02-10', '60y1m'], // first month of the reform
    ['MALE_60', '1965-04-30', 1, '2025-05-30', '60y1m'], // last month of the first 4-month step
    ['MALE_60', '1965-05-01', 2, '2025-07-01', '60y2m'], // first month of the second step
    ['MALE_60', '1976-08-31', 35, '2039-07-31', '62y11m'], // one step before the cap
    ['MALE_60', '1976-09-01', 36, '2039-09-01', '63y0m'], // the cap: 63
    ['MALE_60', '1990-01-01', 36, '2053-01-01', '63y0m'],
    ['FEMALE_55', '1969-12-31', 0, '2024-12-31', '55y0m'],
    ['FEMALE_55', '1970-01-01', 1, '2025-02-01', '55y1m'],
    ['FEMALE_55', '1970-05-01', 2, '2025-07-01', '55y2m'],
    ['FEMALE_55', '1981-08-20', 35, '2039-07-20', '57y11m'],
    ['FEMALE_55', '1981-09-15', 36, '2039-09-15', '58y0m'], // the cap: 58
    ['FEMALE_50', '1974-12-31', 0, '2024-12-31', '50y0m'],
    ['FEMALE_50', '1975-01-01', 1, '2025-02-01', '50y1m'],
    ['FEMALE_50', '1975-02-28', 1, '2025-03-28', '50y1m'], // last month of the first 2-month step
    ['FEMALE_50', '1975-03-01', 2, '2025-05-01', '50y2m'],
    ['FEMALE_50', '1984-10-10', 59, '2039-09-10', '54y11m'],
    ['FEMALE_50', '1984-11-10', 60, '2039-11-10', '55y0m'], // the cap: 55
  ])('B5: %s born %s → delayed %i months, retires %s at %s', (group, birth, delay, date, age) => {
    const answer = retirementDate(birth, group, params('2026-06-01'));
    expect(answer.delayMonths).toBe(delay);
    expect(answer.retirementDate).toBe(date);
    expect(`${answer.ageYears}y${answer.ageMonths}m`).toBe(age);
  });

  it('B5: the answer explains itself and names the parameter versions it used', () => {
    const answer = retirementDate('1970-05-01', 'FEMALE_55', params('2026-06-01'));
    expect(answer.steps.map((s) => s.en)).toEqual([
      'original statutory age 55: born 1970-05-01 → original retirement date 2025-05-01',
      "the original date is 4 months after the reform's start month 2025-01: delayed by min(36, floor(4 / 4) + 1) = 2 months",
      'statutory retirement age 55 years 2 months → retirement date 2025-07-01',
    ]);
    expect(answer.parameters.map((p) => p.name)).toEqual([
      'retirement.capMonths.female55',
      'retirement.originalAge.female55',
      'retirement.reform.startMonth',
      'retirement.stepMonths.female55',
    ]);
  });
});

describe('B5 — cumulative years and the one-time make-up', () => {
  it('B5: enough cumulative and actual years → retiree benefits, nothing to make up', () => {
    const answer = retirementYears({ cumulativeMonths: 25 * 12, actualMonths: 10 * 12 }, 'MALE', params());
    expect(answer).toMatchObject({ sufficient: true, shortfallMonths: 0, makeUpQuoteFen: 0 });
  });

  it('B5: a cumulative shortfall is quoted as base × rate × months', () => {
    const answer = retirementYears({ cumulativeMonths: 18 * 12, actualMonths: 15 * 12 }, 'FEMALE', params());
    expect(answer.shortfallMonths).toBe(24);
    expect(answer.makeUpQuoteFen).toBe(700000 * 0.12 * 24);
    expect(answer.steps[1]?.en).toBe(
      'the missing 24 months may be made up in one payment: base 7000.00 yuan × rate 12% × 24 months = 20160.00 yuan',
    );
  });

  it('B5: too few Tianjin actual years is a shortfall even when the cumulative years suffice', () => {
    const answer = retirementYears({ cumulativeMonths: 30 * 12, actualMonths: 8 * 12 + 6 }, 'MALE', params());
    expect(answer).toMatchObject({ sufficient: false, shortfallMonths: 18 });
  });

  it('B5: the quote is whole fen, rounded half up', () => {
    expect(makeUpQuoteFen(333333, 12.5, 1)).toBe(41667); // 41666.625
    expect(makeUpQuoteFen(100, 0.5, 1)).toBe(1); // 0.5 → 1
    expect(makeUpQuoteFen(850_000, 11.5, 120)).toBe(11_730_000);
  });

  it('B5: the required years are parameters', () => {
    const answer = retirementYears(
      { cumulativeMonths: 25 * 12, actualMonths: 10 * 12 },
      'MALE',
      params('2026-06-01', { 'retirement.requiredYears.male': 30 }),
    );
    expect(answer.shortfallMonths).toBe(60);
  });
});
