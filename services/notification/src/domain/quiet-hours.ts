/**
 * Quiet hours (免打扰时段) for non-urgent SMS, in Beijing time (UTC+8, no daylight saving): an SMS due inside them
 * waits for their end. Pure arithmetic on instants; the caller passes the runtime clock's `now()`.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** From `start` (included) to `end` (excluded), minutes after Beijing midnight; `start > end` crosses midnight. */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS = '22:00-08:00';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * `22:00-08:00` → the window; `off` → null (no quiet hours). Refused (with the reason in English, for the
 * configuration error) when malformed or empty.
 */
export function parseQuietHours(text: string): { ok: true; value: QuietHours | null } | { ok: false; error: string } {
  const s = text.trim();
  if (s.toLowerCase() === 'off') return { ok: true, value: null };
  const [from, to, ...rest] = s.split('-');
  const a = HHMM.exec(from?.trim() ?? '');
  const b = HHMM.exec(to?.trim() ?? '');
  if (!a || !b || rest.length > 0)
    return { ok: false, error: `expected HH:MM-HH:MM (Beijing time) or "off", got "${text}"` };
  const start = Number(a[1]) * 60 + Number(a[2]);
  const end = Number(b[1]) * 60 + Number(b[2]);
  if (start === end) return { ok: false, error: `quiet hours "${text}" start and end at the same minute` };
  return { ok: true, value: { start, end } };
}

/** Milliseconds since Beijing midnight of an instant. */
function beijingTimeOfDay(instant: Date): number {
  return (((instant.getTime() + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

export function isQuiet(instant: Date, window: QuietHours | null): boolean {
  if (!window) return false;
  const minute = Math.floor(beijingTimeOfDay(instant) / MINUTE_MS);
  return window.start < window.end
    ? minute >= window.start && minute < window.end
    : minute >= window.start || minute < window.end;
}

/** The first instant at or after `instant` outside quiet hours: the instant itself, or the window's end. */
export function quietEnd(instant: Date, window: QuietHours | null): Date {
  if (!window || !isQuiet(instant, window)) return instant;
  const sinceMidnight = beijingTimeOfDay(instant);
  const midnight = instant.getTime() - sinceMidnight;
  const endToday = midnight + window.end * MINUTE_MS;
  return new Date(endToday > instant.getTime() ? endToday : endToday + DAY_MS);
}

/** When an SMS may go: at once when urgent, else not before the end of quiet hours. */
export function sendableAt(instant: Date, window: QuietHours | null, urgent: boolean): Date {
  return urgent ? instant : quietEnd(instant, window);
}
