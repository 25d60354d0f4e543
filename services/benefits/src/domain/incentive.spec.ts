import { coverageSpans } from './ledger';
import { incentiveFor } from './incentive';
import { params, relation, residentYears, sheet } from './spec-fixtures';

describe('continuous-enrolment incentive (国办发〔2024〕38号)', () => {
  it.each([
    // full resident years in a row up to 2026 (from, to), raise steps for 2027
    [2023, 2026, 4, 0], // exactly 4 full years: qualifies, no further year yet
    [2022, 2026, 5, 1],
    [2021, 2026, 6, 2],
    [2018, 2026, 9, 2], // further years before 2025 (the incentive's start) do not raise
    [2025, 2026, 2, 0],
  ])('INCENTIVE: resident %i–%i (%i full years) → %i raise steps for 2027', (from, to, years, steps) => {
    const answer = incentiveFor(coverageSpans(residentYears(from, to), []), 2027, params('2027-01-01'));
    expect(answer.fullYearsInRow).toBe(years);
    expect(answer.raiseSteps).toBe(steps);
    expect(answer.raiseYuan).toBe(steps * 1000);
  });

  it('INCENTIVE: a lapse restarts the count', () => {
    const spans = coverageSpans([...residentYears(2015, 2020), ...residentYears(2022, 2026)], []);
    expect(incentiveFor(spans, 2027, params('2027-01-01'))).toMatchObject({ fullYearsInRow: 5, raiseSteps: 1 });
  });

  it('INCENTIVE: a year not fully covered is not a full year', () => {
    const spans = coverageSpans(
      [...residentYears(2020, 2025), relation({ startDate: '2026-03-01', periodYear: 2026 })],
      [],
    );
    expect(incentiveFor(spans, 2027, params('2027-01-01'))).toMatchObject({ fullYearsInRow: 0, raiseSteps: 0 });
  });

  it('B2: resident years transferred in count toward the years in a row', () => {
    const spans = coverageSpans(residentYears(2024, 2026), [
      sheet({ scheme: 'RESIDENT', regionCode: '130102', from: '2021-01-01', to: '2023-12-31' }),
    ]);
    expect(incentiveFor(spans, 2027, params('2027-01-01'))).toMatchObject({ fullYearsInRow: 6, raiseSteps: 2 });
  });

  it('INCENTIVE: the total rise is capped at 20% of the original ceiling', () => {
    const spans = coverageSpans(residentYears(2019, 2030), []);
    const answer = incentiveFor(spans, 2031, params('2031-01-01'), 20_000);
    expect(answer.raiseYuan).toBe(6000);
    expect(answer.cappedRaiseYuan).toBe(4000);
    expect(answer.steps.at(-1)?.en).toBe('capped at 20% of the original ceiling of 20000 yuan → 4000 yuan');
  });
});
