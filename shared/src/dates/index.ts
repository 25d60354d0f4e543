// One calendar module for the whole project. Dates are China calendar dates as 'YYYY-MM-DD' strings and are counted
// in whole days from 1970-01-01 (UTC arithmetic), so nothing depends on the machine's time zone. China has one time
// zone (UTC+8) and no daylight saving, which makes "today in China" a fixed offset from UTC.

/** A China calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** Open end of a relation that has not been suspended. */
export const END_OF_TIME: IsoDate = '9999-12-31';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The day number (days since 1970-01-01) of a real date, or null for anything else (2026-02-30, '2026-1-5'). */
export function dayNumberOf(date: unknown): number | null {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; the round trip also catches 2026-02-30.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** Whether `date` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(date: unknown): date is IsoDate {
  return dayNumberOf(date) !== null;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws RangeError for anything else. */
export function toDayNumber(date: IsoDate): number {
  const n = dayNumberOf(date);
  if (n === null) throw new RangeError(`expected a date as 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
  return n;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC date part of an instant (a `Date` column read back, a scalar value). */
export function isoDateOfUtc(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** The China calendar date of an instant: today in China by default, whatever the machine's time zone. */
export function chinaDate(instant: Date = new Date()): IsoDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in China (UTC+8, no DST). */
export function chinaToday(now: Date = new Date()): IsoDate {
  return chinaDate(now);
}

/** The instant at which a China calendar date begins (00:00 Beijing time). */
export function chinaMidnight(date: IsoDate): Date {
  return new Date(toDayNumber(date) * DAY_MS - CHINA_OFFSET_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`; the first day is not counted (民法典 art. 201), so the next day is 1. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The same day `months` later, clamped to the month's end (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The month of a date as 'YYYY-MM'. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function firstDayOfMonth(date: IsoDate): IsoDate {
  toDayNumber(date);
  return `${date.slice(0, 7)}-01`;
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  toDayNumber(date);
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

export function startOfYear(year: number): IsoDate {
  return `${year}-01-01`;
}

export function endOfYear(year: number): IsoDate {
  return `${year}-12-31`;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** Whether `date` lies in [from, to], both ends included. */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return from <= date && date <= to;
}
