// Working days (工作日, rule T10): Monday–Friday that is not a public holiday, or a weekend day the State Council made a
// make-up working day (调休). The PRC calendar comes from the npm package chinese-days.
//
// Dates are 'YYYY-MM-DD' strings of the China calendar and are handled as whole days counted from 1970-01-01, so
// nothing depends on the machine's time zone. chinese-days' own functions are not called for that reason: they turn
// the string into a Date and read it back in local time, which gives wrong days on a machine west of UTC (under
// TZ=America/Los_Angeles, findWorkday(1, '2026-02-13') answers '2026-02-13'). The package's data file, documented
// in its README as the published JSON, is read instead: { holidays: {date: name}, workdays: {date: name} }.
//
// A year chinese-days does not know (the State Council publishes each year's calendar in the November before, so
// the coming year may not be out yet) is counted on plain weekdays; the *Detailed variants name such years.
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { fromDayNumber as dayOf, toDayNumber } from '../dates';
import type { Reason } from '../ids/result';

export type CalendarSource = 'chinese-days' | 'weekdays-fallback';

export interface CalendarCoverage {
  year: number;
  source: CalendarSource;
  /** Whether the State Council's holiday arrangement for the year is in the data. */
  published: boolean;
}

export type DayKind = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'MAKEUP_WORKDAY';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** For a holiday or a make-up working day: the festival, e.g. { zh: '春节', en: 'Spring Festival' }. */
  festival?: Reason;
  source: CalendarSource;
}

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DATA: CalendarData = chineseDaysData;
const HOLIDAYS = new Map(Object.entries(DATA.holidays));
const MAKEUP_WORKDAYS = new Map(Object.entries(DATA.workdays));
/** Years with a published arrangement: every year has holidays (元旦 at least), not every year has make-up days. */
const PUBLISHED_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS.keys()].map((date) => Number(date.slice(0, 4))));

const DAY_MS = 86_400_000;

/** fromDayNumber of the shared dates module, refusing years past 9999 (a deadline counted that far is a bug). */
function fromDayNumber(dayNumber: number): string {
  if (new Date(dayNumber * DAY_MS).getUTCFullYear() > 9999) throw new RangeError('date beyond 9999-12-31');
  return dayOf(dayNumber);
}

function festivalOf(entry: string | undefined): Reason | undefined {
  if (entry === undefined) return undefined;
  // chinese-days writes "English name,中文名,days", e.g. "Spring Festival,春节,4".
  const [en = '', zh = ''] = entry.split(',');
  return { zh, en };
}

function dayInfo(dayNumber: number): DayInfo {
  const date = fromDayNumber(dayNumber);
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay(); // 0 Sunday … 6 Saturday
  const weekend = weekday === 0 || weekday === 6;
  const year = Number(date.slice(0, 4));
  if (!PUBLISHED_YEARS.has(year)) {
    return { date, working: !weekend, kind: weekend ? 'WEEKEND' : 'WORKDAY', source: 'weekdays-fallback' };
  }
  const makeup = MAKEUP_WORKDAYS.get(date);
  if (makeup !== undefined) {
    return { date, working: true, kind: 'MAKEUP_WORKDAY', festival: festivalOf(makeup), source: 'chinese-days' };
  }
  const holiday = HOLIDAYS.get(date);
  if (holiday !== undefined) {
    return { date, working: false, kind: 'HOLIDAY', festival: festivalOf(holiday), source: 'chinese-days' };
  }
  return { date, working: !weekend, kind: weekend ? 'WEEKEND' : 'WORKDAY', source: 'chinese-days' };
}

/** Whether chinese-days has the year's holiday arrangement; if not, the year is counted on weekdays. */
export function calendarCoverage(year: number): CalendarCoverage {
  const published = PUBLISHED_YEARS.has(year);
  return { year, source: published ? 'chinese-days' : 'weekdays-fallback', published };
}

/** The years whose arrangement is published in the installed chinese-days, ascending. */
export function publishedCalendarYears(): number[] {
  return [...PUBLISHED_YEARS].sort((a, b) => a - b);
}

/** What kind of day `date` is, and whether the answer comes from the published calendar or the weekday fallback. */
export function getDayInfo(date: string): DayInfo {
  return dayInfo(toDayNumber(date));
}

export function isWorkingDay(date: string): boolean {
  return dayInfo(toDayNumber(date)).working;
}

/**
 * The deadline `n` working days after `date`: `date` (the day of acceptance) is day 0, the result is the n-th working
 * day after it; n = 0 gives `date` itself, whatever day it is. `fallbackYears` lists the years, among the days
 * looked at, that were counted on plain weekdays.
 */
export function addWorkingDaysDetailed(date: string, n: number): { date: string; fallbackYears: number[] } {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let day = toDayNumber(date);
  const fallback = new Set<number>();
  for (let left = n; left > 0;) {
    day += 1;
    const info = dayInfo(day);
    if (info.source === 'weekdays-fallback') fallback.add(Number(info.date.slice(0, 4)));
    if (info.working) left -= 1;
  }
  return { date: fromDayNumber(day), fallbackYears: [...fallback].sort((a, b) => a - b) };
}

export function addWorkingDays(date: string, n: number): string {
  return addWorkingDaysDetailed(date, n).date;
}

/**
 * The number of working days after `from` up to and including `to`, so that
 * workingDaysBetween(d, addWorkingDays(d, n)) === n. When `to` is before `from` the count is negative:
 * workingDaysBetween(a, b) === -workingDaysBetween(b, a) (e.g. how many working days a deadline is overdue, seen from
 * the deadline). `fallbackYears` as for addWorkingDaysDetailed.
 */
export function workingDaysBetweenDetailed(from: string, to: string): { days: number; fallbackYears: number[] } {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [start, end, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let days = 0;
  const fallback = new Set<number>();
  for (let day = start + 1; day <= end; day++) {
    const info = dayInfo(day);
    if (info.source === 'weekdays-fallback') fallback.add(Number(info.date.slice(0, 4)));
    if (info.working) days += 1;
  }
  return { days: sign * days, fallbackYears: [...fallback].sort((x, y) => x - y) };
}

export function workingDaysBetween(from: string, to: string): number {
  return workingDaysBetweenDetailed(from, to).days;
}

/**
 * The sentence the UI shows when a count used the weekday fallback, e.g. for [2028]:
 * “2028 年的节假日安排尚未发布，已按周一至周五计算” / “2028's holiday calendar is not published yet; counted on weekdays”.
 * (A year before the data starts, 2004, is "not in the holiday calendar" instead.) `undefined` when the list is empty.
 */
export function fallbackNotice(fallbackYears: readonly number[]): Reason | undefined {
  if (fallbackYears.length === 0) return undefined;
  const zhYears = fallbackYears.map((y) => `${y} 年`).join('、');
  const enYears = fallbackYears.map((y) => `${y}'s`).join(', ');
  const enNoun = fallbackYears.length === 1 ? 'holiday calendar is' : 'holiday calendars are';
  const lastPublished = Math.max(...PUBLISHED_YEARS);
  if (fallbackYears.every((y) => y > lastPublished)) {
    return {
      zh: `${zhYears}的节假日安排尚未发布，已按周一至周五计算`,
      en: `${enYears} ${enNoun} not published yet; counted on weekdays`,
    };
  }
  return {
    zh: `${zhYears}的节假日安排未收录，已按周一至周五计算`,
    en: `${enYears} ${enNoun} not in the calendar data; counted on weekdays`,
  };
}
