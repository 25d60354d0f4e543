import { chinaDate, type Clock } from '@yibao/shared';

/**
 * A clock stopped at an instant the test sets (`instant`), time of day included: for what depends on the hour (SMS
 * quiet hours), and for comparing two timestamps stored at the same instant. `SettableClock` (shared) sets only the
 * date and lets the time of day run on.
 */
export class ManualClock implements Clock {
  constructor(public instant: Date) {}

  now(): Date {
    return new Date(this.instant);
  }

  today(): string {
    return chinaDate(this.instant);
  }
}
