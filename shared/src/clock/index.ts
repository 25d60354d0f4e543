import { chinaDate, chinaMidnight, type IsoDate } from '../dates';

/**
 * Where time comes from. Every timestamp a service writes (events, signatures, audit rows) and every "today" a rule
 * reads go through the runtime's clock, so tests and batch runs can set it.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's China calendar date. */
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(),
};

/**
 * A clock whose date is set by hand while its time of day runs on: `now()` is the real Beijing time of day on the
 * set date, so timestamps stay ordered and fall on the date the rules see.
 */
export class SettableClock implements Clock {
  constructor(public date: IsoDate = chinaDate()) {}

  set(date: IsoDate): this {
    this.date = date;
    return this;
  }

  today(): IsoDate {
    return this.date;
  }

  now(): Date {
    const real = new Date();
    const sinceMidnight = real.getTime() - chinaMidnight(chinaDate(real)).getTime();
    return new Date(chinaMidnight(this.date).getTime() + sinceMidnight);
  }
}

/** A clock stopped on one date (its time of day runs on, see SettableClock). */
export function fixedClock(date: IsoDate): Clock {
  return new SettableClock(date);
}
