/**
 * Values kept until a time of their own (milliseconds since the epoch, `Date.now()`'s clock), at most `max` of them:
 * past that the entry set first goes first. A hit at or past its time is dropped and answered as a miss, so nothing
 * is ever returned after its time, whenever it was kept. (Expired entries are not swept: they wait for a hit or for
 * eviction, within the same bound.)
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(private readonly max = 5000) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, not ${max}`);
  }

  get(key: K, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now >= hit.until) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /** Keeps `value` until `until`; a key set again is replaced (and counts as the newest), never evicting another. */
  set(key: K, value: V, until: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
