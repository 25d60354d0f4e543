import { monthLedger, type CoverageSpan } from './ledger';
import type { ParameterVersion, Parameters } from './parameters';
import type { Step } from './types';

/**
 * The continuous-enrolment incentive (连续参保激励, 国办发〔2024〕38号): after 4 full years in a row in the resident
 * scheme, each further full year raises next year's serious-illness ceiling (大病保险最高支付限额) by at least 1,000
 * yuan, the total capped at 20% of the original ceiling; a lapse restarts the count.
 */
export interface Incentive {
  /** The year whose ceiling is raised. */
  forYear: number;
  /** Full resident years in a row up to the year before `forYear` (any region: B2). */
  fullYearsInRow: number;
  /** Further years beyond the qualifying ones, counted from the year the incentive took effect. */
  raiseSteps: number;
  raiseYuan: number;
  capPercent: number;
  /** The raise after the cap, when the original ceiling is known; null otherwise. */
  cappedRaiseYuan: number | null;
  steps: Step[];
  parameters: ParameterVersion[];
}

/** A full resident year: every month of the calendar year covered by a resident relation or info-sheet period. */
function fullResidentYears(spans: readonly CoverageSpan[], untilYear: number): Set<number> {
  const resident = spans.filter((s) => s.scheme === 'RESIDENT');
  const count = new Map<number, number>();
  for (const m of monthLedger(resident, `${untilYear}-12-31`))
    if (m.covered) count.set(Number(m.month.slice(0, 4)), (count.get(Number(m.month.slice(0, 4))) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n === 12).map(([y]) => y));
}

export function incentiveFor(
  spans: readonly CoverageSpan[],
  forYear: number,
  params: Parameters,
  originalCeilingYuan: number | null = null,
): Incentive {
  const qualifying = params.value('incentive.fullYearsBeforeRaise');
  const perStep = params.value('incentive.ceilingRaiseYuan');
  const capPercent = params.value('incentive.capPercent');
  const fromYear = Number(params.version('incentive.ceilingRaiseYuan')!.effectiveFrom.slice(0, 4));
  const full = fullResidentYears(spans, forYear - 1);
  const run: number[] = [];
  for (let y = forYear - 1; full.has(y); y--) run.unshift(y);
  // years beyond the qualifying ones; only those from the year the incentive took effect raise the ceiling
  const further = run.slice(qualifying).filter((y) => y >= fromYear);
  const raiseYuan = further.length * perStep;
  const cappedRaiseYuan =
    originalCeilingYuan === null ? null : Math.min(raiseYuan, Math.floor((originalCeilingYuan * capPercent) / 100));
  const steps: Step[] = [
    {
      rule: 'INCENTIVE',
      zh:
        run.length === 0
          ? `${forYear - 1} 年未连续全年参加居民医保：连续参保年数从零计算（断保后清零）`
          : `连续全年参加居民医保 ${run.length} 年（${run[0]}–${run.at(-1)}，含转移接续带入的年度）`,
      en:
        run.length === 0
          ? `${forYear - 1} was not a full resident year: the count starts again (a lapse resets it)`
          : `${run.length} full resident year${run.length === 1 ? '' : 's'} in a row (${run[0]}–${run.at(-1)}, transferred-in years included)`,
    },
    {
      rule: 'INCENTIVE',
      zh: `连续参保满 ${qualifying} 年后，之后每连续参保 1 年（${fromYear} 年起）提高 ${perStep} 元：${further.length} 年 → ${forYear} 年大病保险最高支付限额提高 ${raiseYuan} 元`,
      en: `after ${qualifying} full years, each further year (from ${fromYear}) adds ${perStep} yuan: ${further.length} → the ${forYear} serious-illness ceiling rises by ${raiseYuan} yuan`,
    },
    {
      rule: 'INCENTIVE',
      zh:
        cappedRaiseYuan === null
          ? `累计提高总额不超过原封顶线的 ${capPercent}%`
          : `累计提高总额不超过原封顶线 ${originalCeilingYuan} 元的 ${capPercent}% → ${cappedRaiseYuan} 元`,
      en:
        cappedRaiseYuan === null
          ? `the total rise is capped at ${capPercent}% of the original ceiling`
          : `capped at ${capPercent}% of the original ceiling of ${originalCeilingYuan} yuan → ${cappedRaiseYuan} yuan`,
    },
  ];
  return {
    forYear,
    fullYearsInRow: run.length,
    raiseSteps: further.length,
    raiseYuan,
    capPercent,
    cappedRaiseYuan,
    steps,
    parameters: params.used(),
  };
}
