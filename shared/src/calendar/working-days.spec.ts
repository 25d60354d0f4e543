import { isWorkday as chineseDaysIsWorkday } from 'chinese-days';
import {
  addWorkingDays,
  addWorkingDaysDetailed,
  calendarCoverage,
  fallbackNotice,
  getDayInfo,
  isWorkingDay,
  publishedCalendarYears,
  workingDaysBetween,
  workingDaysBetweenDetailed,
} from './working-days';

// The 2026 arrangement (国办发明电〔2025〕7号) as written in WAITING-PERIODS.md, typed out independently of chinese-days.
const OFF_2026: [string, string][] = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const MAKEUP_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function expected2026(date: string): boolean {
  if (MAKEUP_2026.includes(date)) return true;
  if (OFF_2026.some(([from, to]) => date >= from && date <= to)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

// chinese-days' own functions read dates in the machine's local time and are wrong west of UTC (see working-days.ts),
// so they can serve as a cross-check only on a machine at UTC or east of it (CI runs at UTC).
const itEastOfUtc = new Date(2026, 0, 1).getTimezoneOffset() <= 0 ? it : it.skip;

describe('isWorkingDay', () => {
  it('T10: agrees with the 2026 calendar of WAITING-PERIODS.md on every day of 2026', () => {
    const disagreements = daysOf(2026).filter((d) => isWorkingDay(d) !== expected2026(d));
    expect(disagreements).toEqual([]);
  });

  it('T10: Sunday 2026-01-04 is a make-up working day', () => {
    expect(new Date('2026-01-04T00:00:00Z').getUTCDay()).toBe(0);
    expect(isWorkingDay('2026-01-04')).toBe(true);
    expect(getDayInfo('2026-01-04')).toEqual({
      date: '2026-01-04',
      working: true,
      kind: 'MAKEUP_WORKDAY',
      festival: { zh: '元旦', en: "New Year's Day" },
      source: 'chinese-days',
    });
  });

  it('T10: the National Day holiday is 10-01 to 10-07; Thursday 10-08 is a working day again', () => {
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(getDayInfo('2026-10-07')).toMatchObject({ kind: 'HOLIDAY', festival: { zh: '国庆节' } });
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up
  });

  it('T10: a weekday inside a holiday is off, an ordinary weekend is off, an ordinary weekday works', () => {
    expect(getDayInfo('2026-02-18')).toMatchObject({ working: false, kind: 'HOLIDAY', festival: { zh: '春节' } });
    expect(getDayInfo('2026-03-07')).toMatchObject({ working: false, kind: 'WEEKEND' });
    expect(getDayInfo('2026-03-10')).toMatchObject({ working: true, kind: 'WORKDAY' });
  });

  itEastOfUtc('reads the same calendar as chinese-days’ own isWorkday for every day of 2024–2026', () => {
    for (const d of [...daysOf(2024), ...daysOf(2025), ...daysOf(2026)]) {
      if (isWorkingDay(d) !== chineseDaysIsWorkday(d)) throw new Error(`disagreement on ${d}`);
    }
  });

  it('never reads the machine’s local time, so the time zone cannot shift a day', () => {
    const expected = daysOf(2026).map(isWorkingDay);
    const localMethods = [
      'getDate',
      'getDay',
      'getMonth',
      'getFullYear',
      'getHours',
      'getTimezoneOffset',
      'setDate',
      'setHours',
      'toDateString',
    ] as const;
    const spies = localMethods.map((m) =>
      jest.spyOn(Date.prototype, m).mockImplementation(() => {
        throw new Error(`Date.prototype.${m} (local time) was called`);
      }),
    );
    try {
      expect(daysOf(2026).map(isWorkingDay)).toEqual(expected);
      expect(addWorkingDays('2026-02-10', 15)).toBe('2026-03-09');
      expect(workingDaysBetween('2026-02-10', '2031-03-09')).toBeGreaterThan(0);
      expect(getDayInfo('2026-01-04').kind).toBe('MAKEUP_WORKDAY');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('throws a RangeError for something that is not a YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '2026/02/03', '20260203', '', 'tomorrow']) {
      expect(() => isWorkingDay(bad)).toThrow(RangeError);
    }
  });
});

describe('addWorkingDays', () => {
  it('T10: 15 working days from Tuesday 2026-02-10, before the Spring Festival, is Monday 2026-03-09', () => {
    // 11, 12, 13, 14 (Saturday, make-up) = 4; 15–23 off; 24, 25, 26, 27, 28 (Saturday, make-up) = 9;
    // 2–6 March = 14; 9 March = 15. On plain weekdays it would have been 3 March.
    expect(addWorkingDays('2026-02-10', 15)).toBe('2026-03-09');
    expect(addWorkingDays('2026-02-10', 4)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-10', 5)).toBe('2026-02-24');
  });

  it('T10: the day of acceptance is day 0, even on a holiday; from a holiday day 1 is the next working day', () => {
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
    expect(addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', 2)).toBe('2026-10-10'); // via Friday 10-09 and the make-up Saturday
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('T10: counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-02-10', '2026-03-09')).toBe(15);
    expect(workingDaysBetween('2026-02-10', '2026-02-10')).toBe(0);
    expect(workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
  });

  it('is negative when the second date is before the first', () => {
    expect(workingDaysBetween('2026-03-09', '2026-02-10')).toBe(-15);
  });

  it('inverts addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    for (const start of ['2025-12-20', '2026-01-01', '2026-02-13', '2026-04-03', '2026-09-19', '2026-12-24']) {
      for (const n of [0, 1, 2, 3, 5, 10, 15, 20, 30, 60]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('calendar coverage and the weekday fallback', () => {
  const last = Math.max(...publishedCalendarYears());

  it('chinese-days 1.5.7 has the arrangements for 2004–2026', () => {
    expect(publishedCalendarYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(calendarCoverage(2026)).toEqual({ year: 2026, source: 'chinese-days', published: true });
  });

  it('counts a year that is not published (2031) on plain weekdays and says so', () => {
    expect(calendarCoverage(2031)).toEqual({ year: 2031, source: 'weekdays-fallback', published: false });
    // 2031-10-01 is a Wednesday: National Day, but with no published calendar it is counted as a working day.
    expect(getDayInfo('2031-10-01')).toEqual({
      date: '2031-10-01',
      working: true,
      kind: 'WORKDAY',
      source: 'weekdays-fallback',
    });
    expect(addWorkingDaysDetailed('2031-09-30', 5)).toEqual({ date: '2031-10-07', fallbackYears: [2031] });
    expect(workingDaysBetweenDetailed('2031-09-30', '2031-10-07')).toEqual({ days: 5, fallbackYears: [2031] });
  });

  it('names the unpublished year when a count crosses into it, and none when it stays inside the published ones', () => {
    const crossing = addWorkingDaysDetailed(`${last}-12-28`, 10);
    expect(crossing.fallbackYears).toEqual([last + 1]);
    expect(addWorkingDaysDetailed('2026-02-10', 15)).toEqual({ date: '2026-03-09', fallbackYears: [] });
    expect(workingDaysBetweenDetailed(`${last + 3}-01-05`, `${last - 1}-12-31`).fallbackYears).toEqual([
      last + 1,
      last + 2,
      last + 3,
    ]);
    expect(addWorkingDaysDetailed(`${last + 1}-06-01`, 0)).toEqual({ date: `${last + 1}-06-01`, fallbackYears: [] });
  });

  it('gives the UI a sentence for the fallback', () => {
    expect(fallbackNotice([])).toBeUndefined();
    expect(fallbackNotice([2028])).toEqual({
      zh: '2028 年的节假日安排尚未发布，已按周一至周五计算',
      en: "2028's holiday calendar is not published yet; counted on weekdays",
    });
    expect(fallbackNotice([2027, 2028])?.en).toBe(
      "2027's, 2028's holiday calendars are not published yet; counted on weekdays",
    );
    expect(fallbackNotice([2003])?.zh).toBe('2003 年的节假日安排未收录，已按周一至周五计算');
  });
});
