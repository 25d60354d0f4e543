import { ExpiringCache } from './index';

describe('ExpiringCache', () => {
  it('answers a value until its time, then never again', () => {
    const cache = new ExpiringCache<string, number>();
    const now = 1_000_000;
    cache.set('a', 1, now + 500);
    expect(cache.get('a', now)).toBe(1);
    expect(cache.get('a', now + 499)).toBe(1);
    expect(cache.get('a', now + 500)).toBeUndefined(); // at its time: gone
    expect(cache.size).toBe(0); // and dropped
    expect(cache.get('a', now)).toBeUndefined(); // even if asked with an earlier clock afterwards
    expect(cache.get('never-set')).toBeUndefined();
  });

  it('keeps at most `max` entries, dropping the one set first', () => {
    const cache = new ExpiringCache<string, number>(2);
    const until = Date.now() + 60_000;
    cache.set('a', 1, until);
    cache.set('b', 2, until);
    cache.set('c', 3, until);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });

  it('a key set again replaces its value and time without evicting another entry', () => {
    const cache = new ExpiringCache<string, number>(2);
    const until = Date.now() + 60_000;
    cache.set('a', 1, until);
    cache.set('b', 2, until);
    cache.set('b', 20, until + 1); // two requests that verified the same token side by side
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(20);
    expect(cache.get('b', until)).toBe(20); // the new time
    cache.set('a', 10, until); // 'a' is now the newest: 'b' goes first
    cache.set('c', 3, until);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(10);
  });

  it('keys of any kind, compared as Map keys', () => {
    const cache = new ExpiringCache<number, string>();
    cache.set(1, 'one', Date.now() + 1000);
    expect(cache.get(1)).toBe('one');
    expect(() => new ExpiringCache(0)).toThrow(RangeError);
  });
});
