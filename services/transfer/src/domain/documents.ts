import { isIsoDate, parseRegionCode } from '@yibao/shared';
import { isTianjin } from './regions';
import type { Bilingual, IsoDate, Mode, RegionCode, Scheme } from './types';

/**
 * The two documents of the measures' attachments, kept as data (the rendered PDF is made from these):
 * - 《基本医疗保险关系转移接续联系函》 (contact letter, 附件1): the destination asks the source for the record;
 * - 《参保人员基本医疗保险信息表》 (information sheet, 附件2): the source's record of the person — periods, years (in
 *   months) and personal-account balance; the online sheet carries the agency's electronic seal.
 */

export interface AgencyRef {
  regionCode: RegionCode;
  name: string;
}

export interface PersonRef {
  name: string;
  idType: string;
  idNumber: string;
}

export interface ContactLetter {
  letterNo: string;
  issuedOn: IsoDate;
  /** The destination's agency, which issues the letter. */
  fromAgency: AgencyRef;
  /** The source's agency, which is asked for the information sheet. */
  toAgency: AgencyRef;
  person: PersonRef;
  fromScheme: Scheme;
  toScheme: Scheme;
  note: string | null;
}

/** One insured period on the information sheet. */
export interface InsurancePeriod {
  from: IsoDate;
  to: IsoDate;
  scheme: Scheme;
  regionCode: RegionCode;
  unitName: string | null;
  /** Months contributed in the period (实际缴费月数). */
  months: number;
}

export interface InfoSheet {
  sheetNo: string;
  issuedOn: IsoDate;
  mode: Mode;
  /** The source's agency, which issues the sheet. */
  issuingAgency: AgencyRef;
  /** The destination's agency. */
  receivingAgency: AgencyRef;
  person: PersonRef;
  /** The scheme left at the source. */
  scheme: Scheme;
  periods: InsurancePeriod[];
  /** 实际缴费年限, in months. */
  actualMonths: number;
  /** 视同缴费年限, in months. */
  deemedMonths: number;
  /** 累计缴费年限 = actual + deemed, in months. */
  cumulativeMonths: number;
  /** 个人账户余额, integer fen; always 0 for the resident scheme. */
  accountBalanceFen: number;
  note: string | null;
}

/** The name of a region's handling agency: a Tianjin district branch (区医保分中心) or the agency elsewhere. */
export function agencyOf(regionCode: RegionCode): AgencyRef {
  const info = parseRegionCode(regionCode);
  const place = info.ok ? info.value.fullName : regionCode;
  if (regionCode === '120000') return { regionCode, name: '天津市医疗保障基金管理中心' };
  if (isTianjin(regionCode)) return { regionCode, name: `${place}医疗保障分中心` };
  return { regionCode, name: `${place}医疗保障经办机构` };
}

export interface FieldProblem {
  field: string;
  reason: Bilingual;
}

const wholeNonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * An information sheet's content is consistent: real dates in order, whole non-negative months and fen, cumulative =
 * actual + deemed (B4: overlapping periods are counted once, so the sheet's own totals are taken, not re-added),
 * no personal account on the resident scheme. Every problem at once, by field.
 */
export function validateInfoSheet(sheet: InfoSheet, today?: IsoDate, field = 'infoSheet'): FieldProblem[] {
  const found: FieldProblem[] = [];
  const add = (f: string, zh: string, en: string) => found.push({ field: `${field}.${f}`, reason: { zh, en } });
  if (!sheet.sheetNo.trim()) add('sheetNo', '请填写信息表编号', 'sheetNo is required');
  if (!isIsoDate(sheet.issuedOn)) add('issuedOn', '出具日期不正确', 'issuedOn is not a date');
  else if (today && sheet.issuedOn > today) add('issuedOn', '出具日期不能晚于今天', 'issuedOn cannot be after today');
  for (const [k, label] of [
    ['actualMonths', '实际缴费月数'],
    ['deemedMonths', '视同缴费月数'],
    ['cumulativeMonths', '累计缴费月数'],
  ] as const) {
    if (!wholeNonNegative(sheet[k])) add(k, `${label}应为不小于 0 的整数`, `${k} must be a whole number ≥ 0`);
  }
  if (
    wholeNonNegative(sheet.actualMonths) &&
    wholeNonNegative(sheet.deemedMonths) &&
    wholeNonNegative(sheet.cumulativeMonths) &&
    sheet.cumulativeMonths !== sheet.actualMonths + sheet.deemedMonths
  ) {
    add(
      'cumulativeMonths',
      '累计缴费年限应等于实际与视同缴费年限之和',
      'cumulativeMonths must equal actualMonths + deemedMonths',
    );
  }
  if (!wholeNonNegative(sheet.accountBalanceFen)) {
    add('accountBalanceFen', '个人账户余额应为不小于 0 的整数（分）', 'accountBalanceFen must be whole fen ≥ 0');
  } else if (sheet.scheme === 'RESIDENT' && sheet.accountBalanceFen !== 0) {
    add(
      'accountBalanceFen',
      '居民医保不设个人账户，余额应为 0',
      'the resident scheme has no personal account: the balance must be 0',
    );
  }
  sheet.periods.forEach((p, i) => {
    if (!isIsoDate(p.from) || !isIsoDate(p.to)) add(`periods.${i}`, '起止日期不正确', 'from and to must be dates');
    else if (p.from > p.to) add(`periods.${i}.to`, '终止日期早于起始日期', 'to is before from');
    if (!parseRegionCode(p.regionCode).ok) add(`periods.${i}.regionCode`, '行政区划代码不存在', 'unknown region code');
    if (!wholeNonNegative(p.months))
      add(`periods.${i}.months`, '月数应为不小于 0 的整数', 'months must be a whole number ≥ 0');
  });
  return found;
}
