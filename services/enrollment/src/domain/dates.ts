import { DomainInputError, type IsoDate } from './types';

/** Calendar arithmetic on ISO dates, in whole days, without time zones (the dates are already China dates). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Open end of an employee relation that has not been suspended. */
export const END_OF_TIME: IsoDate = '9999-12-31';

function toUtc(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new DomainInputError(`not an ISO date (YYYY-MM-DD): ${date}`);
  }
  return t;
}

function fromUtc(t: number): IsoDate {
  return new Date(t).toISOString().slice(0, 10);
}

export function assertIsoDate(date: IsoDate): void {
  toUtc(date);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Days from `from` to `to`; the first day is not counted (民法典 art. 201), so the next day is 1. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const t = toUtc(date);
  const d = new Date(t);
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
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

export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return from <= date && date <= to;
}
