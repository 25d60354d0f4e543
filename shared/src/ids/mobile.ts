// Mainland China mobile numbers, checked with libphonenumber-js's full ("max") metadata, which tells a mobile number
// from a landline, a 400/800 number or a number of the wrong length.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fail, ok, type ValidationResult } from './result';

/**
 * A mainland mobile number typed any usual way ('13912345678', '+86 139 1234 5678', '86-139-1234-5678',
 * '0086 13912345678'); the value is the 11-digit national number.
 */
export function parseMobile(raw: unknown): ValidationResult<string> {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('请填写手机号码', 'enter the mobile number');
  const text = raw.normalize('NFKC').trim();
  if (/[^\d\s+\-().]/.test(text)) {
    return fail('手机号码只能包含数字、空格、“+”和“-”', 'a mobile number may contain only digits, spaces, “+” and “-”');
  }
  const phone = parsePhoneNumberFromString(text, 'CN');
  if (phone === undefined) {
    return fail(`“${text}”不是电话号码`, `“${text}” is not a phone number`);
  }
  if (phone.countryCallingCode !== '86') {
    return fail(
      `+${phone.countryCallingCode} 不是中国大陆的号码，请填写中国大陆手机号码`,
      `+${phone.countryCallingCode} is not a mainland China number; enter a mainland mobile number`,
    );
  }
  const national = phone.nationalNumber;
  if (!phone.isValid()) {
    if (national.startsWith('1') && national.length !== 11) {
      return fail(
        `手机号码应为 11 位，当前为 ${national.length} 位`,
        `a mobile number has 11 digits; this one has ${national.length}`,
      );
    }
    return fail(`${national} 不是有效的号码`, `${national} is not a valid number`);
  }
  const type = phone.getType();
  if (type === 'FIXED_LINE') {
    return fail(
      `${national} 是固定电话号码，请填写手机号码`,
      `${national} is a landline number; enter a mobile number`,
    );
  }
  if (type !== 'MOBILE') {
    return fail(`${national} 不是手机号码`, `${national} is not a mobile number`);
  }
  return ok(national);
}
