/** A message for the counter clerk, in Chinese and English. */
export interface Reason {
  zh: string;
  en: string;
}

/** What every validator in this folder returns; none of them throws on bad input. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; reason: Reason };

export function ok<T>(value: T): ValidationResult<T> {
  return { ok: true, value };
}

export function fail(zh: string, en: string): { ok: false; reason: Reason } {
  return { ok: false, reason: { zh, en } };
}

/**
 * The clerk's input as a plain string: full-width characters folded (NFKC: '１２０Ｘ' → '120X'), every space removed,
 * letters upper-cased. `undefined` when the input is not a string at all.
 */
export function normaliseInput(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
