// 居民身份证号码 (citizen identity number), GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence
// (odd for men), 1 check character computed with ISO 7064 MOD 11-2.
//
// The checksum is computed here rather than with an npm package: the algorithm is five lines, and the packages that
// do it (id-validator, idcard) answer only true/false — a clerk needs to know what is wrong — and are unmaintained.
import { chinaToday, daysInMonth } from '../dates';
import { isCurrentRegionCode, isHistoricalRegionCode, isMainlandProvincePrefix } from './region';
import { fail, normaliseInput, ok, type ValidationResult } from './result';

export type Gender = 'MALE' | 'FEMALE';

export interface ResidentId {
  /** The 18 characters, check character upper-case. */
  idNumber: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  gender: Gender;
  /** The address code, positions 1–6: the county of household registration when the number was first issued. */
  regionCode: string;
}

export interface ResidentIdOptions {
  /** Today in China as 'YYYY-MM-DD' (birth dates after it are refused); defaults to the current date in UTC+8. */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character (0–9 or X) for the first 17 digits of a resident ID number. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got “${first17}”`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

export function parseResidentId(raw: unknown, options: ResidentIdOptions = {}): ValidationResult<ResidentId> {
  const id = normaliseInput(raw);
  if (id === undefined || id === '') return fail('请填写身份证号码', 'enter the resident ID number');

  if (/^\d{15}$/.test(id)) {
    return fail(
      '这是 15 位的第一代身份证号码，请填写 18 位号码',
      'this is a 15-digit first-generation ID number; enter the 18-character number',
    );
  }
  if (id.length !== 18) {
    return fail(
      `身份证号码应为 18 位，当前为 ${id.length} 位`,
      `a resident ID number has 18 characters; this one has ${id.length}`,
    );
  }
  for (let i = 0; i < 17; i++) {
    const c = id.charAt(i);
    if (c < '0' || c > '9') {
      return fail(`第 ${i + 1} 位“${c}”应为数字`, `character ${i + 1} (“${c}”) must be a digit`);
    }
  }
  const last = id.charAt(17);
  if (!/^[0-9X]$/.test(last)) {
    return fail(`第 18 位“${last}”应为数字或 X`, `character 18 (“${last}”) must be a digit or X`);
  }

  // Address code. The number keeps the code of the county where it was first issued, and a county abolished or
  // renamed since (天津塘沽区 120107, 宁河县 120221 …) leaves its people with the old code for life: so a historical code
  // is accepted as well as a current one. What is refused is a code that never existed, or one outside the mainland
  // (81/82/83 are the numbers of 港澳台居民居住证, another document).
  const regionCode = id.slice(0, 6);
  const province = id.slice(0, 2);
  if (province === '81' || province === '82' || province === '83') {
    return fail(
      '这是港澳台居民居住证号码，不是居民身份证号码',
      'this is the number of a residence permit for Hong Kong, Macao or Taiwan residents, not a resident ID',
    );
  }
  if (!isMainlandProvincePrefix(province)) {
    return fail(
      `前 2 位“${province}”不是有效的省级行政区划代码`,
      `the first 2 digits (“${province}”) are not a province code`,
    );
  }
  if (!isCurrentRegionCode(regionCode) && !isHistoricalRegionCode(regionCode)) {
    return fail(
      `前 6 位地址码 ${regionCode} 不是已知的行政区划代码（含历史代码）`,
      `the address code ${regionCode} (first 6 digits) is not a known administrative division code, current or past`,
    );
  }

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(
      `第 7–14 位出生日期 ${birthDate} 不存在`,
      `the birth date in characters 7–14 (${birthDate}) does not exist`,
    );
  }
  if (year < 1900) {
    return fail(`出生日期 ${birthDate} 早于 1900 年`, `the birth date ${birthDate} is before 1900`);
  }
  const today = options.today ?? chinaToday();
  if (birthDate > today) {
    return fail(`出生日期 ${birthDate} 晚于今天`, `the birth date ${birthDate} is in the future`);
  }

  const expected = residentIdCheckCharacter(id.slice(0, 17));
  if (last !== expected) {
    return fail(
      `校验码错误：按前 17 位应为 ${expected}，实际为 ${last}；请核对号码是否录入有误`,
      `wrong check character: expected ${expected} from the first 17 digits, got ${last}; check the number was typed correctly`,
    );
  }

  return ok({
    idNumber: id,
    birthDate,
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'MALE' : 'FEMALE',
    regionCode,
  });
}
