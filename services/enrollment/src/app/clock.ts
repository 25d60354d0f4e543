import { chinaToday } from '@yibao/shared';

/** Where "today" comes from: China's calendar date by default; tests and batch runs pass their own. */
export interface Clock {
  today(): string;
}

export const systemClock: Clock = { today: () => chinaToday() };

export function fixedClock(date: string): Clock {
  return { today: () => date };
}
