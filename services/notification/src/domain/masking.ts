/**
 * Masking (脱敏) of identity document numbers and phone numbers. Every text a message carries goes through
 * `maskSensitive` after rendering, so a number that slipped into a free-text field (a clerk's reason) is masked too.
 */

/** `11010519491231002X` → `1101**********002X`: the first and last four characters stay. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** `13812345678` → `138****5678`, as Chinese agencies print a mobile number. */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  const national = digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (national.length < 7) return '*'.repeat(national.length);
  return `${national.slice(0, 3)}${'*'.repeat(national.length - 7)}${national.slice(-4)}`;
}

// Runs of characters that look like an ID number or a mobile number, not inside a longer run of letters or digits.
const RESIDENT_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g;

/** Masks every resident ID number (18 or old 15 characters) and every mainland mobile number in a text. */
export function maskSensitive(text: string): string {
  return text.replace(RESIDENT_ID, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskMobile(m));
}
