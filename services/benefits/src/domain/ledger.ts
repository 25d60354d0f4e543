import { END_OF_TIME, addDays, endOfYear, minDate } from '@yibao/shared';
import { monthIndex, monthAt, type Month } from './months';
import { isTianjin, type InfoSheetPeriod, type IsoDate, type RelationFacts, type Scheme } from './types';

/**
 * The coverage ledger (B3, B4): the days each relation and each information sheet covered, and from them one line
 * per calendar month, where a month covered twice (an overlap) is counted once.
 */

/** Where a covered stretch comes from: a relation known from the enrollment events, or a transfer's info sheet. */
export interface SpanSource {
  origin: 'RELATION' | 'INFO_SHEET';
  /** The relation id or the transfer id. */
  ref: string;
}

/** A stretch of days, both ends included, covered by one relation or one info-sheet period. */
export interface CoverageSpan extends SpanSource {
  from: IsoDate;
  to: IsoDate;
  scheme: Scheme;
  regionCode: string;
  /** E3: the days after the suspension date that the month of an employee suspension still covers. */
  coveredSuspensionFrom: IsoDate | null;
  /** The cause of the resumption that opened this stretch (E14: a newborn's ID recorded), null otherwise. */
  openedBy: string | null;
}

/** A stretch in which a relation was suspended and not (yet) resumed: its benefits are suspended too (E14). */
export interface SuspensionSpan {
  relationId: string;
  from: IsoDate;
  /** The day before the relation was resumed; END_OF_TIME while it is not. */
  to: IsoDate;
  cause: string;
}

/** The last day a relation covers when nothing ends it: a resident one its calendar year, an employee one open. */
function naturalEnd(r: RelationFacts): IsoDate {
  const yearEnd = r.scheme === 'RESIDENT' ? endOfYear(r.periodYear) : END_OF_TIME;
  return r.endDate ? minDate(r.endDate, yearEnd) : yearEnd;
}

/**
 * The days a relation covered, from its registration and its changes in order: a suspension or termination ends the
 * covered stretch on the day it takes effect, or at `coveredUntil` when the event gives one (E3: the month of an
 * employee suspension stays covered); a resumption opens a new stretch on its date.
 */
export function relationCoverage(r: RelationFacts): { spans: CoverageSpan[]; suspensions: SuspensionSpan[] } {
  const spans: CoverageSpan[] = [];
  const suspensions: SuspensionSpan[] = [];
  const end = naturalEnd(r);
  let openFrom: IsoDate | null = r.startDate;
  let openedBy: string | null = null;
  let openSuspension: { from: IsoDate; cause: string } | null = null;
  const close = (until: IsoDate, effective: IsoDate) => {
    if (openFrom === null) return;
    const to = minDate(until, end);
    if (to >= openFrom)
      spans.push({
        origin: 'RELATION',
        ref: r.relationId,
        from: openFrom,
        to,
        scheme: r.scheme,
        regionCode: r.regionCode,
        coveredSuspensionFrom: until > effective ? addDays(effective, 1) : null,
        openedBy,
      });
    openFrom = null;
  };
  for (const c of r.changes) {
    if (c.kind === 'RESUMED') {
      if (openSuspension) {
        suspensions.push({
          relationId: r.relationId,
          from: openSuspension.from,
          to: addDays(c.effectiveDate, -1),
          cause: openSuspension.cause,
        });
        openSuspension = null;
      }
      if (openFrom === null) {
        openFrom = c.effectiveDate;
        openedBy = c.cause;
      }
      continue;
    }
    const until = c.coveredUntil ?? c.effectiveDate;
    close(until, c.effectiveDate);
    if (c.kind === 'SUSPENDED') openSuspension ??= { from: addDays(until, 1), cause: c.cause };
    else if (openSuspension) {
      suspensions.push({ relationId: r.relationId, ...openSuspension, to: addDays(c.effectiveDate, -1) });
      openSuspension = null;
    }
  }
  if (openFrom !== null && openFrom <= end)
    spans.push({
      origin: 'RELATION',
      ref: r.relationId,
      from: openFrom,
      to: end,
      scheme: r.scheme,
      regionCode: r.regionCode,
      coveredSuspensionFrom: null,
      openedBy,
    });
  if (openSuspension) suspensions.push({ relationId: r.relationId, ...openSuspension, to: END_OF_TIME });
  // a suspension lasts at most as long as the relation's period (a resident relation ends with its year)
  const capped = suspensions.map((s) => ({ ...s, to: minDate(s.to, end) }));
  return { spans, suspensions: capped.filter((s) => s.to >= s.from) };
}

export function infoSheetSpan(p: InfoSheetPeriod): CoverageSpan {
  return {
    origin: 'INFO_SHEET',
    ref: p.transferId,
    from: p.from,
    to: p.to,
    scheme: p.scheme,
    regionCode: p.regionCode,
    coveredSuspensionFrom: null,
    openedBy: null,
  };
}

/** Every covered stretch of a person: relations and info sheets. */
export function coverageSpans(
  relations: readonly RelationFacts[],
  infoSheets: readonly InfoSheetPeriod[],
): CoverageSpan[] {
  return [...relations.flatMap((r) => relationCoverage(r).spans), ...infoSheets.map(infoSheetSpan)].sort((a, b) =>
    a.from.localeCompare(b.from),
  );
}

/**
 * B3: how an employee month counts in Tianjin. Tianjin employee months are actual, also when they come back on
 * another region's info sheet after leaving (转出后再次转回); employee months of another region brought in by a
 * transfer's info sheet are deemed (视同).
 */
export type EmployeeYearKind = 'ACTUAL' | 'DEEMED';

export interface MonthSource extends SpanSource {
  scheme: Scheme;
  regionCode: string;
}

/** One month of the ledger: what covered it, and how it counts for the Tianjin employee scheme. */
export interface LedgerMonth {
  month: Month;
  covered: boolean;
  schemes: Scheme[];
  /** null when no employee period covered the month. */
  employee: EmployeeYearKind | null;
  /** Every relation or info-sheet period that covered some day of the month (B4: more than one = an overlap). */
  sources: MonthSource[];
}

export function employeeKindOf(span: Pick<CoverageSpan, 'scheme' | 'regionCode' | 'origin'>): EmployeeYearKind | null {
  if (span.scheme !== 'EMPLOYEE') return null;
  if (isTianjin(span.regionCode)) return 'ACTUAL';
  return span.origin === 'INFO_SHEET' ? 'DEEMED' : null;
}

/**
 * The month ledger from the first covered month to `until` (a month counts when any of its days is covered: a
 * contribution month begun is a month paid). B4: a month covered by several periods appears once; for the employee
 * scheme ACTUAL wins over DEEMED.
 */
export function monthLedger(spans: readonly CoverageSpan[], until: IsoDate): LedgerMonth[] {
  const limit = monthIndex(until);
  const byMonth = new Map<number, MonthSource[]>();
  let first = Number.POSITIVE_INFINITY;
  for (const s of spans) {
    if (s.from > until) continue;
    const from = monthIndex(s.from);
    const to = Math.min(monthIndex(minDate(s.to, until)), limit);
    first = Math.min(first, from);
    for (let i = from; i <= to; i++) {
      const list = byMonth.get(i) ?? [];
      if (!list.some((x) => x.origin === s.origin && x.ref === s.ref))
        list.push({ origin: s.origin, ref: s.ref, scheme: s.scheme, regionCode: s.regionCode });
      byMonth.set(i, list);
    }
  }
  const out: LedgerMonth[] = [];
  for (let i = first; i <= limit && Number.isFinite(first); i++) {
    const sources = byMonth.get(i) ?? [];
    const kinds = sources.map((s) => employeeKindOf(s)).filter((k): k is EmployeeYearKind => k !== null);
    out.push({
      month: monthAt(i),
      covered: sources.length > 0,
      schemes: [...new Set(sources.map((s) => s.scheme))].sort(),
      employee: kinds.includes('ACTUAL') ? 'ACTUAL' : kinds.includes('DEEMED') ? 'DEEMED' : null,
      sources,
    });
  }
  return out;
}

/** The spans that cover a given day. */
export function spansOn(spans: readonly CoverageSpan[], date: IsoDate): CoverageSpan[] {
  return spans.filter((s) => s.from <= date && date <= s.to);
}

/** Covered months as a set of month indexes (for continuity and lapse). */
export function coveredMonthIndexes(spans: readonly CoverageSpan[], until: IsoDate): Set<number> {
  const set = new Set<number>();
  for (const m of monthLedger(spans, until)) if (m.covered) set.add(monthIndex(m.month));
  return set;
}
