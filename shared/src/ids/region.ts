// GB/T 2260 administrative division codes (行政区划代码): the current list and, for identity numbers, the codes
// retired since 1980. Where the data comes from and why it is shipped here rather than read from a package:
// ./data/README.md.
import { fail, normaliseInput, ok, type ValidationResult } from './result';
import regionData from './data/regions.json';
import historicalData from './data/historical-region-codes.json';

export const TIANJIN_REGION_CODE = '120000';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'DISTRICT';

export interface RegionInfo {
  /** The 6-digit code, e.g. '120116'. */
  code: string;
  /** The division's own name, e.g. '滨海新区'. */
  name: string;
  /** With its province and city, placeholders like 市辖区 left out, e.g. '天津市滨海新区'. */
  fullName: string;
  /** The province-level code, e.g. '120000'. */
  provinceCode: string;
  isTianjin: boolean;
  level: RegionLevel;
}

const CURRENT: ReadonlyMap<string, string> = new Map(Object.entries(regionData.regions as Record<string, string>));
const HISTORICAL: ReadonlySet<string> = new Set(historicalData.codes.split(' '));
/** City-level entries that group districts or counties and are no place of their own. */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** Province-level codes outside the mainland (Taiwan, Hong Kong, Macao). */
const NON_MAINLAND_PROVINCES = new Set(['71', '81', '82', '83']);

/** Is `code` 120000 (Tianjin) or one of Tianjin's district codes 1201xx? */
export function isTianjinRegion(code: string): boolean {
  return code === TIANJIN_REGION_CODE || /^1201\d\d$/.test(code);
}

/** Is `code` an administrative division code in force (see ./data/README.md for the date of the data)? */
export function isCurrentRegionCode(code: string): boolean {
  return CURRENT.has(code);
}

/** Was `code` a division code at some time since 1980 but is no longer one? */
export function isHistoricalRegionCode(code: string): boolean {
  return HISTORICAL.has(code);
}

/** Is `pp` (two digits) the code of a province-level division of the mainland? */
export function isMainlandProvincePrefix(pp: string): boolean {
  return !NON_MAINLAND_PROVINCES.has(pp) && CURRENT.has(`${pp}0000`);
}

function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'DISTRICT';
}

function describe(code: string, name: string): RegionInfo {
  const level = levelOf(code);
  const provinceCode = `${code.slice(0, 2)}0000`;
  const parts = [name];
  if (level !== 'PROVINCE') {
    const cityName = level === 'DISTRICT' ? CURRENT.get(`${code.slice(0, 4)}00`) : undefined;
    if (cityName !== undefined && !PLACEHOLDER_NAMES.has(cityName)) parts.unshift(cityName);
    const provinceName = CURRENT.get(provinceCode);
    if (provinceName !== undefined && provinceName !== cityName) parts.unshift(provinceName);
  }
  return {
    code,
    name,
    fullName: parts.filter((part) => !PLACEHOLDER_NAMES.has(part)).join(''),
    provinceCode,
    isTianjin: isTianjinRegion(code),
    level,
  };
}

/** A 6-digit GB/T 2260 code of a division that exists today (province, city or district/county level). */
export function parseRegionCode(raw: unknown): ValidationResult<RegionInfo> {
  const code = normaliseInput(raw);
  if (code === undefined || code === '') {
    return fail('请填写 6 位行政区划代码', 'enter the 6-digit administrative division code');
  }
  if (!/^\d{6}$/.test(code)) {
    return fail(
      `行政区划代码应为 6 位数字，“${code}”不是`,
      `an administrative division code is 6 digits; “${code}” is not`,
    );
  }
  const name = CURRENT.get(code);
  if (name !== undefined) return ok(describe(code, name));
  if (HISTORICAL.has(code)) {
    return fail(
      `行政区划代码 ${code} 已撤销或变更，请使用现行代码`,
      `administrative division code ${code} has been abolished or changed; use the current code`,
    );
  }
  return fail(`行政区划代码 ${code} 不存在`, `administrative division code ${code} does not exist`);
}
