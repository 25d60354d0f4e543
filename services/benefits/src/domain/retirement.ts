import { addMonths, type IsoDate } from '@yibao/shared';
import type { ContributionYears } from './contribution-years';
import { monthAt, monthIndex, yearsAndMonths } from './months';
import type { ParameterVersion, Parameters } from './parameters';
import type { Step } from './types';

/**
 * B5: statutory retirement age under the 2025 reform (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, 2024-09-13, and
 * 国务院关于渐进式延迟法定退休年龄的办法, from 2025-01-01), whether the cumulative years suffice, and the quote for the
 * one-time make-up (天津市基本医疗保险关系转移接续管理办法 第十五条).
 */

/** The three original retirement ages: men 60, women 55 (cadres, flexible employment), women 50 (workers). */
export type RetirementGroup = 'MALE_60' | 'FEMALE_55' | 'FEMALE_50';

const SUFFIX: Record<RetirementGroup, 'male' | 'female55' | 'female50'> = {
  MALE_60: 'male',
  FEMALE_55: 'female55',
  FEMALE_50: 'female50',
};

export interface RetirementDate {
  group: RetirementGroup;
  birthDate: IsoDate;
  originalAgeYears: number;
  /** The date the original age is reached. */
  originalDate: IsoDate;
  /** Months added by the reform: min(cap, floor(months since the start month / step) + 1), 0 before it. */
  delayMonths: number;
  ageYears: number;
  ageMonths: number;
  retirementDate: IsoDate;
  steps: Step[];
  parameters: ParameterVersion[];
}

export function retirementDate(birthDate: IsoDate, group: RetirementGroup, params: Parameters): RetirementDate {
  const g = SUFFIX[group];
  const age = params.value(`retirement.originalAge.${g}`);
  const step = params.value(`retirement.stepMonths.${g}`);
  const cap = params.value(`retirement.capMonths.${g}`);
  const startYm = params.value('retirement.reform.startMonth');
  const startIndex = Math.floor(startYm / 100) * 12 + ((startYm % 100) - 1);
  const startMonth = monthAt(startIndex);
  const originalDate = addMonths(birthDate, age * 12);
  const since = monthIndex(originalDate) - startIndex;
  const delay = since < 0 ? 0 : Math.min(cap, Math.floor(since / step) + 1);
  const date = addMonths(originalDate, delay);
  const total = age * 12 + delay;
  const steps: Step[] = [
    {
      rule: 'B5',
      zh: `原法定退休年龄 ${age} 岁：${birthDate} 出生 → 原退休日期 ${originalDate}`,
      en: `original statutory age ${age}: born ${birthDate} → original retirement date ${originalDate}`,
    },
    since < 0
      ? {
          rule: 'B5',
          zh: `原退休日期早于改革起始月 ${startMonth}：不延迟`,
          en: `the original date is before the reform's start month ${startMonth}: no delay`,
        }
      : {
          rule: 'B5',
          zh: `原退休日期在改革起始月 ${startMonth} 之后第 ${since} 个月：延迟 min(${cap}, ⌊${since} ÷ ${step}⌋ + 1) = ${delay} 个月`,
          en: `the original date is ${since} months after the reform's start month ${startMonth}: delayed by min(${cap}, floor(${since} / ${step}) + 1) = ${delay} months`,
        },
    {
      rule: 'B5',
      zh: `法定退休年龄 ${Math.floor(total / 12)} 岁${total % 12 ? `${total % 12} 个月` : ''} → 退休日期 ${date}`,
      en: `statutory retirement age ${Math.floor(total / 12)} years${total % 12 ? ` ${total % 12} months` : ''} → retirement date ${date}`,
    },
  ];
  return {
    group,
    birthDate,
    originalAgeYears: age,
    originalDate,
    delayMonths: delay,
    ageYears: Math.floor(total / 12),
    ageMonths: total % 12,
    retirementDate: date,
    steps,
    parameters: params.used(),
  };
}

export interface RetirementYears {
  requiredMonths: number;
  requiredActualMonths: number;
  cumulativeMonths: number;
  actualMonths: number;
  /** Whether the cumulative years (and the actual Tianjin years among them) meet Tianjin's requirement. */
  sufficient: boolean;
  /** Months to make up: the larger of the cumulative and the actual shortfall (a make-up payment is actual). */
  shortfallMonths: number;
  /** base × rate × shortfall months, in integer fen (rounded half up). */
  makeUpQuoteFen: number;
  steps: Step[];
  parameters: ParameterVersion[];
}

/** Fen of base × rate% × months, rounded half up, without floating error on whole-fen bases and 2-decimal rates. */
export function makeUpQuoteFen(baseFen: number, ratePercent: number, months: number): number {
  const rateBasisPoints = Math.round(ratePercent * 100);
  const numerator = BigInt(baseFen) * BigInt(rateBasisPoints) * BigInt(months);
  return Number((numerator + 5000n) / 10000n);
}

export function retirementYears(
  years: Pick<ContributionYears, 'cumulativeMonths' | 'actualMonths'>,
  gender: 'MALE' | 'FEMALE',
  params: Parameters,
): RetirementYears {
  const requiredMonths =
    params.value(gender === 'MALE' ? 'retirement.requiredYears.male' : 'retirement.requiredYears.female') * 12;
  const requiredActualMonths = params.value('retirement.minTianjinActualYears') * 12;
  const cumShort = Math.max(0, requiredMonths - years.cumulativeMonths);
  const actualShort = Math.max(0, requiredActualMonths - years.actualMonths);
  const shortfall = Math.max(cumShort, actualShort);
  const base = params.value('retirement.makeUp.baseFen');
  const rate = params.value('retirement.makeUp.ratePercent');
  const quote = makeUpQuoteFen(base, rate, shortfall);
  const c = yearsAndMonths(years.cumulativeMonths);
  const a = yearsAndMonths(years.actualMonths);
  const steps: Step[] = [
    {
      rule: 'B5',
      zh: `累计缴费年限 ${c.zh}（要求 ${requiredMonths / 12} 年），其中本市实际缴费年限 ${a.zh}（要求至少 ${requiredActualMonths / 12} 年）`,
      en: `cumulative ${c.en} (${requiredMonths / 12} years required), of which Tianjin actual ${a.en} (at least ${requiredActualMonths / 12} years required)`,
    },
    shortfall === 0
      ? {
          rule: 'B5',
          zh: '累计缴费年限达到本市规定要求，达到法定退休年龄时可享受职工医保退休人员待遇',
          en: "the years meet Tianjin's requirement: employee retiree benefits at statutory retirement age",
        }
      : {
          rule: 'B5',
          zh: `所差 ${shortfall} 个月可一次性补足：缴费基数 ${(base / 100).toFixed(2)} 元 × 费率 ${rate}% × ${shortfall} 个月 = ${(quote / 100).toFixed(2)} 元`,
          en: `the missing ${shortfall} months may be made up in one payment: base ${(base / 100).toFixed(2)} yuan × rate ${rate}% × ${shortfall} months = ${(quote / 100).toFixed(2)} yuan`,
        },
  ];
  return {
    requiredMonths,
    requiredActualMonths,
    cumulativeMonths: years.cumulativeMonths,
    actualMonths: years.actualMonths,
    sufficient: shortfall === 0,
    shortfallMonths: shortfall,
    makeUpQuoteFen: quote,
    steps,
    parameters: params.used(),
  };
}
