/** Today's date in China (UTC+8, no DST), YYYY-MM-DD, whatever the machine's time zone. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
