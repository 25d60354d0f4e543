import { isQuiet, parseQuietHours, quietEnd, sendableAt, type QuietHours } from './quiet-hours';
import { DEFAULT_RETRY, afterFailure, retryDelayMs } from './retry';
import { routeSms } from './delivery';

/** An instant given in Beijing time. */
const beijing = (date: string, time: string) => new Date(`${date}T${time}+08:00`);
const night: QuietHours = { start: 22 * 60, end: 8 * 60 };

describe('quiet hours (Beijing time)', () => {
  it('N3: the default window 22:00–08:00 is parsed; "off" means none; malformed text is refused', () => {
    expect(parseQuietHours('22:00-08:00')).toEqual({ ok: true, value: night });
    expect(parseQuietHours(' 12:30 - 14:00 ')).toEqual({ ok: true, value: { start: 750, end: 840 } });
    expect(parseQuietHours('off')).toEqual({ ok: true, value: null });
    for (const bad of ['22-08', '24:00-08:00', '22:00', '22:00-22:00', '22:00-08:00-09:00'])
      expect(parseQuietHours(bad).ok).toBe(false);
  });

  it.each([
    ['21:59', false],
    ['22:00', true],
    ['23:59', true],
    ['00:00', true],
    ['07:59', true],
    ['08:00', false],
    ['12:00', false],
  ])('N3: at %s Beijing time quiet is %s', (time, quiet) => {
    expect(isQuiet(beijing('2026-12-31', time), night)).toBe(quiet);
  });

  it('N3: an SMS due at 23:30 waits for 08:00 the next morning; one due at 03:00 for 08:00 that morning', () => {
    expect(quietEnd(beijing('2026-12-31', '23:30'), night)).toEqual(beijing('2027-01-01', '08:00'));
    expect(quietEnd(beijing('2027-01-01', '03:00'), night)).toEqual(beijing('2027-01-01', '08:00'));
    expect(quietEnd(beijing('2027-01-01', '09:15'), night)).toEqual(beijing('2027-01-01', '09:15'));
  });

  it('N3: Beijing time whatever the instant is written in (22:30 UTC is 06:30 next morning in Beijing)', () => {
    expect(quietEnd(new Date('2026-12-31T22:30:00Z'), night)).toEqual(beijing('2027-01-01', '08:00'));
    expect(isQuiet(new Date('2026-12-31T01:00:00Z'), night)).toBe(false); // 09:00 in Beijing
  });

  it('N3: a window inside one day (12:00–14:00) and no window at all', () => {
    const lunch = { start: 720, end: 840 };
    expect(quietEnd(beijing('2026-06-01', '12:10'), lunch)).toEqual(beijing('2026-06-01', '14:00'));
    expect(quietEnd(beijing('2026-06-01', '23:00'), lunch)).toEqual(beijing('2026-06-01', '23:00'));
    expect(quietEnd(beijing('2026-06-01', '23:00'), null)).toEqual(beijing('2026-06-01', '23:00'));
  });

  it('N3: an urgent SMS goes at once, even at night', () => {
    expect(sendableAt(beijing('2026-07-31', '23:00'), night, true)).toEqual(beijing('2026-07-31', '23:00'));
    expect(sendableAt(beijing('2026-07-31', '23:00'), night, false)).toEqual(beijing('2026-08-01', '08:00'));
  });
});

describe('retries', () => {
  const now = new Date('2026-12-01T02:00:00Z');

  it('N1: waits double after each failed try, capped at the longest wait', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(DEFAULT_RETRY).toEqual({ maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 });
  });

  it('N1: tries again later until the last try, then parks the message', () => {
    const policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(afterFailure(1, policy, now)).toEqual({ kind: 'RETRY', at: new Date(now.getTime() + 1000) });
    expect(afterFailure(2, policy, now)).toEqual({ kind: 'RETRY', at: new Date(now.getTime() + 2000) });
    expect(afterFailure(3, policy, now)).toEqual({ kind: 'PARK' });
  });
});

describe('routing an SMS before it is sent', () => {
  it('N3: held while the person is unknown, undeliverable without a number, queued to a mainland mobile', () => {
    expect(routeSms(null)).toEqual({ kind: 'HOLD' });
    expect(routeSms({ mobile: null })).toMatchObject({ kind: 'UNDELIVERABLE' });
    expect(routeSms({ mobile: '+86 138 1234 5678' })).toEqual({ kind: 'QUEUE', mobile: '13812345678' });
  });

  it.each(['02223456789', '+1 415 555 0100', '1381234567', '4008123123'])(
    'N1: %s is not a mainland mobile number: refused before sending, with the reason',
    (mobile) => {
      const route = routeSms({ mobile });
      expect(route.kind).toBe('REFUSE');
      expect(route.kind === 'REFUSE' && route.reason.en).toBeTruthy();
    },
  );
});
