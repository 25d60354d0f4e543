import { daysInMonth, type IsoDate } from '@yibao/shared';

/** A calendar month 'YYYY-MM'. The ledger counts in months: contribution years are kept in months (DOMAIN.md). */
export type Month = string;

/** Months since year 0: 'YYYY-MM' → y × 12 + (m − 1), so differences are month counts. */
export function monthIndex(month: Month | IsoDate): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return y * 12 + (m - 1);
}

export function monthAt(index: number): Month {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function firstDay(month: Month): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: Month): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included ([] when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthAt(i));
  return out;
}

/** "3 years 4 months" / "3年4个月" of a month count. */
export function yearsAndMonths(months: number): { zh: string; en: string } {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return {
    zh: `${y}年${m}个月`,
    en: `${y} year${y === 1 ? '' : 's'} ${m} month${m === 1 ? '' : 's'}`,
  };
}
