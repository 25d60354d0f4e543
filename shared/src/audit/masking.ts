/**
 * Masking (脱敏) of identity document numbers and mobile numbers: one format wherever a number leaves the system
 * masked — the graph outside the right scope, SMS and in-app texts, logs — as agencies print them:
 * `1101**********002X`, `138****5678`.
 */

/**
 * A resident ID (18 or the old 15 characters) keeps its first and last four characters (`1101**********002X`);
 * a shorter document number (a passport, a permit) keeps two at each end (`E1****67`); four characters or fewer are
 * all masked.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  const keep = s.length >= 15 ? 4 : s.length >= 6 ? 2 : 0;
  if (keep === 0) return '*'.repeat(s.length);
  return `${s.slice(0, keep)}${'*'.repeat(s.length - 2 * keep)}${s.slice(-keep)}`;
}

/** `13812345678` (also `+86 138 1234 5678`) → `138****5678`: the first three and last four digits stay. */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  const national = digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (national.length < 8) return '*'.repeat(national.length);
  return `${national.slice(0, 3)}${'*'.repeat(national.length - 7)}${national.slice(-4)}`;
}

// Runs of characters that look like an ID number or a mobile number, not inside a longer run of letters or digits.
const RESIDENT_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g;

/** Masks every resident ID number (18 or old 15 characters) and every mainland mobile number in a free text. */
export function maskSensitive(text: string): string {
  return text.replace(RESIDENT_ID, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskMobile(m));
}
