import { addDays, yearOf } from '@yibao/shared';
import { monthLedger, type CoverageSpan } from './ledger';
import { monthAt, monthIndex, type Month } from './months';
import type { IsoDate, Scheme } from './types';

/**
 * Continuity before a date (B2, B6): how long the person was insured in a row, in any scheme and region known to the
 * system (B2: resident years brought in by a transfer count too), how long the gap before the date is, and which
 * calendar years were lapse years.
 */
export interface Continuity {
  /** The date the question is asked for (a new relation's start, or today). */
  on: IsoDate;
  /** Whether the person was ever covered before `on`. */
  hasHistory: boolean;
  /** The last month covered before `on`'s month ends (null without history). */
  lastCoveredMonth: Month | null;
  /** The scheme of that month (EMPLOYEE when both covered it). */
  lastScheme: Scheme | null;
  /** Whole uncovered months between the last covered month and `on`'s month (0 when covered up to it). */
  gapMonths: number;
  /** Covered months in a row up to the last covered month. */
  continuousMonths: number;
  /**
   * B7: the calendar years just before `on`'s year in which the person held no relation at all, newest first. Years
   * before the first enrolment are not lapse years.
   */
  lapseYears: number[];
}

export function continuityBefore(spans: readonly CoverageSpan[], on: IsoDate): Continuity {
  const ledger = monthLedger(
    spans.filter((s) => s.from < on),
    addDays(on, -1),
  ).filter((m) => m.covered);
  const covered = new Set(ledger.map((m) => monthIndex(m.month)));
  const last = ledger.at(-1);
  if (!last)
    return {
      on,
      hasHistory: false,
      lastCoveredMonth: null,
      lastScheme: null,
      gapMonths: 0,
      continuousMonths: 0,
      lapseYears: [],
    };
  const lastIndex = monthIndex(last.month);
  let continuousMonths = 0;
  for (let i = lastIndex; covered.has(i); i--) continuousMonths++;
  const gapMonths = Math.max(0, monthIndex(on) - lastIndex - 1);
  const coveredYears = new Set(ledger.map((m) => Number(m.month.slice(0, 4))));
  const firstYear = Math.min(...coveredYears);
  const lapseYears: number[] = [];
  for (let y = yearOf(on) - 1; y >= firstYear && !coveredYears.has(y); y--) lapseYears.push(y);
  return {
    on,
    hasHistory: true,
    lastCoveredMonth: monthAt(lastIndex),
    lastScheme: last.schemes.includes('EMPLOYEE') ? 'EMPLOYEE' : 'RESIDENT',
    gapMonths,
    continuousMonths,
    lapseYears,
  };
}
