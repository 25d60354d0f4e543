import { addMonths, isIsoDate, type FieldProblem } from '@yibao/shared';

/** The earliest date benefits answers about: nothing in the ledger is older. */
export const EARLIEST_DATE = '1900-01-01';
/** How far ahead a date may lie: further is a typing error, not a question. */
export const LATEST_YEARS_AHEAD = 100;

/**
 * A date argument's problem, if any: not before 1900-01-01, not more than 100 years after today. (The Date scalar has
 * already refused anything that is not a real YYYY-MM-DD date.)
 */
export function checkDate(field: string, date: string, today: string): FieldProblem | null {
  if (!isIsoDate(date))
    return { field, reason: { zh: '日期格式应为 YYYY-MM-DD', en: 'a date must be a real YYYY-MM-DD date' } };
  if (date < EARLIEST_DATE)
    return {
      field,
      reason: { zh: `日期不能早于 ${EARLIEST_DATE}`, en: `the date must not be before ${EARLIEST_DATE}` },
    };
  const latest = addMonths(today, LATEST_YEARS_AHEAD * 12);
  if (date > latest)
    return {
      field,
      reason: {
        zh: `日期不能晚于 ${latest}（今天起 ${LATEST_YEARS_AHEAD} 年内）`,
        en: `the date must not be after ${latest} (${LATEST_YEARS_AHEAD} years from today)`,
      },
    };
  return null;
}
