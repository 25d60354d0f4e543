import { contributionYears } from './contribution-years';
import { continuityBefore } from './continuity';
import { coverageSpans, monthLedger, relationCoverage } from './ledger';
import { employee, relation, residentYears, resumed, sheet, suspended } from './spec-fixtures';

describe('the month ledger', () => {
  it('B4: a month covered by two relations appears once, with both sources', () => {
    const r = relation({ startDate: '2026-01-01', status: 'SUSPENDED', changes: [suspended('2026-03-15', 'E1')] });
    const e = employee({ startDate: '2026-03-15' });
    const ledger = monthLedger(coverageSpans([r, e], []), '2026-05-31');
    expect(ledger.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(ledger[2]?.sources).toHaveLength(2);
    expect(ledger[2]?.schemes).toEqual(['EMPLOYEE', 'RESIDENT']);
  });

  it('E3: an employee suspension covers the rest of its month', () => {
    const e = employee({ startDate: '2025-01-01', changes: [suspended('2026-03-10', 'E15', '2026-03-31')] });
    const { spans, suspensions } = relationCoverage(e);
    expect(spans).toEqual([
      expect.objectContaining({ from: '2025-01-01', to: '2026-03-31', coveredSuspensionFrom: '2026-03-11' }),
    ]);
    expect(suspensions[0]).toMatchObject({ from: '2026-04-01' });
  });

  it('E14: a newborn suspended and restored is covered again from the restoration', () => {
    const r = relation({
      residentCategory: 'NEWBORN',
      startDate: '2026-01-05',
      changes: [suspended('2026-07-31', 'E14'), resumed('2026-09-10')],
    });
    const { spans, suspensions } = relationCoverage(r);
    expect(spans.map((s) => [s.from, s.to])).toEqual([
      ['2026-01-05', '2026-07-31'],
      ['2026-09-10', '2026-12-31'],
    ]);
    expect(suspensions).toEqual([expect.objectContaining({ from: '2026-08-01', to: '2026-09-09', cause: 'E14' })]);
  });

  it('B4: a resident relation never covers beyond its year', () => {
    const { spans } = relationCoverage(relation({ startDate: '2025-03-01', periodYear: 2025 }));
    expect(spans[0]?.to).toBe('2025-12-31');
  });
});

describe('B3 — actual and deemed contribution years', () => {
  it('B3: employee years transferred in from another province are deemed; Tianjin years are actual', () => {
    const beijing = sheet({ from: '2016-01-01', to: '2019-12-31', regionCode: '110105' });
    const tianjin = employee({ startDate: '2020-01-01' });
    const years = contributionYears(coverageSpans([tianjin], [beijing]), '2025-12-31');
    expect(years).toMatchObject({ actualMonths: 72, deemedMonths: 48, cumulativeMonths: 120, overlapMonths: 0 });
    expect(years.months[0]).toMatchObject({
      month: '2016-01',
      kind: 'DEEMED',
      sources: [expect.objectContaining({ origin: 'INFO_SHEET', ref: beijing.transferId })],
    });
    expect(years.months.at(-1)).toMatchObject({ month: '2025-12', kind: 'ACTUAL' });
    expect(years.steps.map((s) => s.en)).toEqual([
      expect.stringMatching(
        /^2016-01 to 2019-12: info sheet of transfer .* employee period in another region \(110105\) → 48 deemed months$/,
      ),
      expect.stringMatching(/^2020-01 to 2025-12: employee relation .* in Tianjin \(120104\) → 72 actual months$/),
      'cumulative = actual 6 years 0 months + deemed 4 years 0 months = 10 years 0 months',
    ]);
  });

  it('B3: Tianjin actual years that left and come back on an info sheet stay actual', () => {
    const back = sheet({ from: '2010-01-01', to: '2014-12-31', regionCode: '120103' });
    const elsewhere = sheet({
      transferId: back.transferId,
      from: '2015-01-01',
      to: '2019-12-31',
      regionCode: '310101',
    });
    const years = contributionYears(coverageSpans([], [back, elsewhere]), '2019-12-31');
    expect(years).toMatchObject({ actualMonths: 60, deemedMonths: 60 });
  });

  it('B3: resident years and employee relations elsewhere known only from enrollment are not employee years', () => {
    const years = contributionYears(
      coverageSpans([...residentYears(2020, 2021), employee({ startDate: '2022-01-01', regionCode: '110105' })], []),
      '2022-12-31',
    );
    expect(years.cumulativeMonths).toBe(0);
  });

  it('B4: overlapping periods count once — actual wins over deemed', () => {
    const tianjin = employee({ startDate: '2018-01-01', endDate: '2020-12-31', status: 'TERMINATED' });
    const overlapping = sheet({ from: '2020-07-01', to: '2021-12-31', regionCode: '440305' });
    const years = contributionYears(coverageSpans([tianjin], [overlapping]), '2021-12-31');
    expect(years).toMatchObject({ actualMonths: 36, deemedMonths: 12, cumulativeMonths: 48, overlapMonths: 6 });
    expect(years.months.find((m) => m.month === '2020-08')).toMatchObject({ kind: 'ACTUAL', overlap: true });
    expect(years.steps.some((s) => s.rule === 'B4' && /counted once/.test(s.en))).toBe(true);
  });

  it('B4: the same period reported twice (two info sheets) counts once', () => {
    const a = sheet({ from: '2015-01-01', to: '2015-12-31' });
    const b = sheet({ from: '2015-01-01', to: '2015-12-31' });
    expect(contributionYears(coverageSpans([], [a, b]), '2016-01-01')).toMatchObject({
      deemedMonths: 12,
      overlapMonths: 12,
    });
  });
});

describe('B2 — continuity in any scheme and region', () => {
  it('B2: resident years brought in by a transfer count toward the years in a row', () => {
    const elsewhere = sheet({ scheme: 'RESIDENT', regionCode: '130102', from: '2023-01-01', to: '2024-12-31' });
    const tianjin = residentYears(2025, 2025);
    const c = continuityBefore(coverageSpans(tianjin, [elsewhere]), '2026-01-01');
    expect(c).toMatchObject({ continuousMonths: 36, gapMonths: 0, lapseYears: [] });
  });

  it('B2: a gap and lapse years are measured before the date', () => {
    const c = continuityBefore(coverageSpans(residentYears(2018, 2021), []), '2025-04-01');
    expect(c).toMatchObject({
      lastCoveredMonth: '2021-12',
      gapMonths: 39,
      continuousMonths: 48,
      lapseYears: [2024, 2023, 2022],
    });
  });

  it('B2: years before the first enrolment are not lapse years', () => {
    expect(continuityBefore([], '2026-01-01')).toMatchObject({ hasHistory: false, lapseYears: [] });
  });
});
