import { isIsoDate } from '../dates';
import { DateScalar } from './scalars';

describe('Date scalar', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('20260101')).toBe(false);
  });

  it('refuses a bad value with BAD_USER_INPUT', () => {
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(DateScalar.parseValue('2026-02-28')).toBe('2026-02-28');
  });
});
