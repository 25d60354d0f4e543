import {
  addDays,
  addMonths,
  chinaMidnight,
  chinaToday,
  daysBetween,
  isIsoDate,
  lastDayOfMonth,
  maxDate,
  minDate,
  toDayNumber,
} from '.';
import { SettableClock } from '../clock';

describe('dates', () => {
  it('chinaToday is the China calendar date, not the UTC one', () => {
    expect(chinaToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
  });

  it.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-05', false],
    ['0099-01-01', false], // years before 100 are not supported
    [20260101, false],
  ])('isIsoDate(%p) = %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('refuses a malformed date with a RangeError', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2027-03-31', -1, '2027-02-28'],
    ['2026-05-01', 0, '2026-05-01'],
  ])('addMonths(%s, %i) = %s (clamped to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts days without the first (民法典 art. 201) across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows month ends, and orders dates', () => {
    expect(lastDayOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(maxDate('2026-01-02', '2026-01-01')).toBe('2026-01-02');
    expect(minDate('2026-01-02', '2026-01-01')).toBe('2026-01-01');
  });

  it('a China date starts at 16:00 UTC the day before', () => {
    expect(chinaMidnight('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('SettableClock', () => {
  it('keeps the set date for today() and for the China date of now()', () => {
    const clock = new SettableClock('2026-03-02');
    expect(clock.today()).toBe('2026-03-02');
    expect(chinaToday(clock.now())).toBe('2026-03-02');
    clock.set('2027-01-01');
    expect(chinaToday(clock.now())).toBe('2027-01-01');
  });
});
