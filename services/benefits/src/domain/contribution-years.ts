import { isTianjin, type Step } from './types';
import { monthLedger, type CoverageSpan, type EmployeeYearKind, type LedgerMonth, type MonthSource } from './ledger';
import { yearsAndMonths, type Month } from './months';
import type { IsoDate } from './types';

/** One month counted for the Tianjin employee scheme, with every period that reported it (B3, B4). */
export interface CountedMonth {
  month: Month;
  kind: EmployeeYearKind;
  sources: MonthSource[];
  /** B4: the month was reported by more than one employee period and is counted once. */
  overlap: boolean;
}

/** Actual, deemed and cumulative employee contribution years, kept in months, with the source of every month. */
export interface ContributionYears {
  asOf: IsoDate;
  actualMonths: number;
  deemedMonths: number;
  /** B4: actual + deemed, each month once. */
  cumulativeMonths: number;
  /** Months reported more than once (overlaps), counted once. */
  overlapMonths: number;
  months: CountedMonth[];
  steps: Step[];
}

const employeeSources = (m: LedgerMonth) => m.sources.filter((s) => s.scheme === 'EMPLOYEE');

function describeSource(s: MonthSource): { zh: string; en: string } {
  const where = isTianjin(s.regionCode) ? `本市（${s.regionCode}）` : `外省市（${s.regionCode}）`;
  const whereEn = isTianjin(s.regionCode) ? `Tianjin (${s.regionCode})` : `another region (${s.regionCode})`;
  return s.origin === 'RELATION'
    ? { zh: `${where}职工医保参保关系 ${s.ref}`, en: `employee relation ${s.ref} in ${whereEn}` }
    : {
        zh: `转移接续 ${s.ref} 的《信息表》所列${where}职工医保缴费期间`,
        en: `info sheet of transfer ${s.ref}: employee period in ${whereEn}`,
      };
}

/**
 * B3 and B4: the employee contribution years that count in Tianjin on `asOf`.
 * - Tianjin employee months are actual (第十三条: 转出后再次转回的本市职工医保实际缴费年限, 纳入本市实际缴费年限);
 * - employee months of another province brought in by a transfer are deemed (外省市职工医保实际缴费年限, 作为本市视同缴费年限);
 * - a month reported twice counts once (第十四条: 对重复的医保缴费年限不进行重复计算), actual before deemed.
 */
export function contributionYears(spans: readonly CoverageSpan[], asOf: IsoDate): ContributionYears {
  const months: CountedMonth[] = [];
  for (const m of monthLedger(spans, asOf)) {
    if (!m.employee) continue;
    const sources = employeeSources(m);
    months.push({ month: m.month, kind: m.employee, sources, overlap: sources.length > 1 });
  }
  const actualMonths = months.filter((m) => m.kind === 'ACTUAL').length;
  const deemedMonths = months.length - actualMonths;
  const overlapMonths = months.filter((m) => m.overlap).length;

  // one step per run of consecutive months with the same kind and the same sources
  const steps: Step[] = [];
  let run: {
    first: Month;
    last: Month;
    kind: EmployeeYearKind;
    key: string;
    sources: MonthSource[];
    n: number;
  } | null = null;
  const flush = () => {
    if (!run) return;
    const src = run.sources.map(describeSource);
    const kindZh = run.kind === 'ACTUAL' ? '实际缴费' : '视同缴费';
    const kindEn = run.kind === 'ACTUAL' ? 'actual' : 'deemed';
    steps.push({
      rule: 'B3',
      zh: `${run.first}至${run.last}：${src.map((s) => s.zh).join('；')} → 计${kindZh}年限 ${run.n} 个月`,
      en: `${run.first} to ${run.last}: ${src.map((s) => s.en).join('; ')} → ${run.n} ${kindEn} month${run.n === 1 ? '' : 's'}`,
    });
    if (run.sources.length > 1)
      steps.push({
        rule: 'B4',
        zh: `上述 ${run.n} 个月由 ${run.sources.length} 段缴费期间重复记录，只计算一次`,
        en: `these ${run.n} months are reported by ${run.sources.length} periods and are counted once`,
      });
    run = null;
  };
  let previousIndex = -2;
  for (const m of months) {
    const key = `${m.kind}|${m.sources.map((s) => `${s.origin}:${s.ref}`).join(',')}`;
    const idx = Number(m.month.slice(0, 4)) * 12 + Number(m.month.slice(5, 7));
    if (run && run.key === key && idx === previousIndex + 1) {
      run.last = m.month;
      run.n++;
    } else {
      flush();
      run = { first: m.month, last: m.month, kind: m.kind, key, sources: m.sources, n: 1 };
    }
    previousIndex = idx;
  }
  flush();
  const a = yearsAndMonths(actualMonths);
  const d = yearsAndMonths(deemedMonths);
  const c = yearsAndMonths(months.length);
  steps.push({
    rule: 'B4',
    zh: `累计缴费年限 = 实际 ${a.zh} + 视同 ${d.zh} = ${c.zh}${overlapMonths ? `（重复的 ${overlapMonths} 个月只计一次）` : ''}`,
    en: `cumulative = actual ${a.en} + deemed ${d.en} = ${c.en}${overlapMonths ? ` (${overlapMonths} overlapping months counted once)` : ''}`,
  });
  return { asOf, actualMonths, deemedMonths, cumulativeMonths: months.length, overlapMonths, months, steps };
}
