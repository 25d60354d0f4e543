import { EnrollmentError } from './errors';

/** Keyset pagination: the cursor is an opaque base64 of (created_at, id) of the last row seen. */
export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)))
      throw new Error();
    return { createdAt, id };
  } catch {
    throw EnrollmentError.invalid('after', { zh: '分页游标无效', en: 'invalid page cursor' });
  }
}

export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, endCursor: last ? encodeCursor(last.createdAt, last.id) : null, hasNextPage: rows.length > first };
}
