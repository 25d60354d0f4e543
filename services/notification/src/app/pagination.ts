import { NotificationError } from './errors';

/** Keyset pages over `message.seq`: the cursor is an opaque base64url of the last seq seen. */
export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE = 100;

export function encodeCursor(seq: string): string {
  return Buffer.from(`m:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^m:(\d{1,19})$/.exec(text);
  if (!m) throw NotificationError.invalid('after', { zh: '分页游标无效', en: 'invalid page cursor' });
  return m[1]!;
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE)
    throw NotificationError.invalid('first', { zh: `每页 0 至 ${MAX_PAGE} 条`, en: `first must be 0 to ${MAX_PAGE}` });
  return n;
}

/** `rows` were read with one more than `first`: that one says whether a next page follows. */
export function toPage<T extends { seq: string }>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, endCursor: last ? encodeCursor(last.seq) : null, hasNextPage: rows.length > first };
}
