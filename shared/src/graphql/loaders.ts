import DataLoader from 'dataloader';

/**
 * Per-request batch loaders (DataLoader): the fields of N entities in one GraphQL response cost one SQL query per
 * field, not one per entity. Build them in the request's context, never share them across requests: they cache
 * what this caller may read.
 */

/** Answers for each key of a batch, in the keys' order: a value, or the Error of that key alone. */
export type Answers<V> = Array<V | Error>;

/**
 * Loads one row per key (`__resolveReference`, `relation(id)`): `fetch` returns the rows of some keys, `keyOf` names
 * a row's key; a missing key answers null. `check` may refuse a key (its Error goes to that field only).
 */
export function rowLoader<V>(
  fetch: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (row: V) => string,
  check?: (row: V) => Error | null,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((k): V | null | Error => {
      const row = byKey.get(k);
      if (row === undefined) return null;
      return check?.(row) ?? row;
    });
  });
}

/**
 * Loads the rows that belong to each key (a person's relations): `fetch` returns the rows of every key in the order
 * they are to be listed, `keyOf` names the owner. `check` may refuse a key before anything is read.
 */
export function groupLoader<V>(
  fetch: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (row: V) => string,
  check?: (key: string) => Error | null,
): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (keys) => {
    const refused = new Map(keys.map((k) => [k, check?.(k) ?? null]));
    const allowed = keys.filter((k) => refused.get(k) === null);
    const groups = new Map<string, V[]>(allowed.map((k) => [k, []]));
    if (allowed.length > 0) for (const row of await fetch(allowed)) groups.get(keyOf(row))?.push(row);
    return keys.map((k) => refused.get(k) ?? groups.get(k) ?? []);
  });
}

export type { DataLoader };
