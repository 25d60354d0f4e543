import { isIsoDate, type IsoDate } from '@yibao/shared';
import { DomainInputError } from './types';

/**
 * The shared calendar module (@yibao/shared dates) is the one place for date arithmetic; the domain adds only its
 * own refusal of a malformed date as a DomainInputError.
 */
export {
  END_OF_TIME,
  chinaDate,
  daysBetween,
  endOfYear,
  isWithin,
  lastDayOfMonth,
  maxDate,
  minDate,
  startOfYear,
  yearOf,
} from '@yibao/shared';

export function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new DomainInputError(`not an ISO date (YYYY-MM-DD): ${date}`);
}
