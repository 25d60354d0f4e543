import { DomainInputError } from './types';
import type { InfoSheet } from './documents';

/**
 * The electronic seal's canonical form (T9: 带有电子印章的《信息表》): what is signed is one exact byte string, so that
 * a verifier recomputes it from the stored content and any change shows.
 *
 * The serialisation follows the JSON Canonicalization Scheme (RFC 8785) for the values a sheet holds: object keys
 * sorted by UTF-16 code units, no whitespace, strings as JSON.stringify writes them, integers in their shortest form,
 * null kept, undefined members dropped. Non-integers, NaN and infinities are refused: money is fen and periods are
 * months, so a fraction is a bug.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new DomainInputError(`canonical form holds whole numbers only: ${value}`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new DomainInputError(`not serialisable in the canonical form: ${typeof value}`);
  }
}

export const SEAL_DOCUMENT_TYPE = 'cn.yibao.transfer.info-sheet';

/** What the agency signs: the document type and version, the transfer, and the whole sheet. */
export function sealedContent(transferId: string, sheet: InfoSheet): string {
  return canonicalJson({ type: SEAL_DOCUMENT_TYPE, version: 1, transferId, sheet });
}
