import { PARAMETER_NAMES, ParameterMissing, Parameters, checkParameterValue, isParameterName } from './parameters';
import { DEFAULTS } from './spec-fixtures';

describe('policy parameters', () => {
  it('every parameter name has a seeded default in the specs (kept in step with the migrations)', () => {
    expect(Object.keys(DEFAULTS).sort()).toEqual([...PARAMETER_NAMES].sort());
  });

  it('B7: an answer reports exactly the versions it read', () => {
    const p = new Parameters('2026-01-01', [
      { name: 'waiting.fixedMonths', value: 3, effectiveFrom: '2025-01-01', source: '国办发〔2024〕38号' },
      { name: 'waiting.longLapseYears', value: 4, effectiveFrom: '2025-01-01', source: '国办发〔2024〕38号' },
    ]);
    expect(p.value('waiting.fixedMonths')).toBe(3);
    expect(p.used()).toEqual([expect.objectContaining({ name: 'waiting.fixedMonths', effectiveFrom: '2025-01-01' })]);
    expect(() => p.value('b6.continuousYears')).toThrow(ParameterMissing);
  });

  it.each([
    ['waiting.fixedMonths', 2.5, /whole number/],
    ['waiting.fixedMonths', -1, /between 0 and 24/],
    ['incentive.capPercent', 120, /between 0 and 100/],
    ['waiting.exempt.newborn', 2, /between 0 and 1/],
    ['retirement.reform.startMonth', 202513, /month part/],
  ] as const)('a new version of %s = %d is refused', (name, value, why) => {
    expect(checkParameterValue(name, value)?.en).toMatch(why);
  });

  it('accepts sensible values and knows its names', () => {
    expect(checkParameterValue('incentive.capPercent', 12.5)).toBeNull();
    expect(isParameterName('waiting.fixedMonths')).toBe(true);
    expect(isParameterName('waiting.unknown')).toBe(false);
  });
});
