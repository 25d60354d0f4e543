import { isIsoDate } from '@yibao/shared';
import { yearOf } from './dates';
import { inputProblems as say, refusals } from './messages';
import { isTianjin } from './regions';
import { clashesWith } from './relations';
import type { RegistrationCommand } from './registration';
import type {
  Bilingual,
  ContributionKind,
  EmployeeCategory,
  IdType,
  IsoDate,
  PersonSnapshot,
  RegionCode,
  ResidentCategory,
  RuleRefusal,
  Scheme,
} from './types';

/**
 * The input checks of the commands, in one place for the graph, the batch jobs and the CLI: input that is
 * well-shaped (the edge has parsed ids, codes and dates) but does not fit the rules' model. Like `validateConsent`,
 * each function reports every problem at once, naming the command's field; on success it returns the command as the
 * decisions take it (defaults filled in).
 */

export interface InputProblem {
  /** The command's field, dotted below a nested object (`registration.regionCode`). */
  field: string;
  reason: Bilingual;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

class Problems {
  readonly list: InputProblem[] = [];
  constructor(private readonly prefix = '') {}
  add(field: string, reason: Bilingual): void {
    this.list.push({ field: this.prefix + field, reason });
  }
  result<T>(value: T): Validated<T> {
    return this.list.length === 0 ? { ok: true, value } : { ok: false, problems: this.list };
  }
}

/** Scheme ↔ category: EMPLOYEE has an employee category and no resident one; RESIDENT the other way round. */
function checkCategories(
  p: Problems,
  v: { scheme: Scheme; employeeCategory: EmployeeCategory | null; residentCategory: ResidentCategory | null },
): void {
  if (v.scheme === 'EMPLOYEE') {
    if (!v.employeeCategory) p.add('employeeCategory', say.EMPLOYEE_NEEDS_CATEGORY);
    if (v.residentCategory) p.add('residentCategory', say.EMPLOYEE_NO_RESIDENT_CATEGORY);
  } else {
    if (!v.residentCategory) p.add('residentCategory', say.RESIDENT_NEEDS_CATEGORY);
    if (v.employeeCategory) p.add('employeeCategory', say.RESIDENT_NO_EMPLOYEE_CATEGORY);
  }
}

/**
 * The insurance year: by default the year of startDate. startDate stays inside periodYear, so a RESIDENT
 * registration for next year's scheme (made in the centralised period) starts on 1 January of that year.
 */
function checkPeriod(
  p: Problems,
  scheme: Scheme,
  periodYear: number | null | undefined,
  startDate: IsoDate,
): { periodYear: number; startDate: IsoDate } {
  const year = yearOf(startDate);
  if (periodYear == null || periodYear === year) return { periodYear: year, startDate };
  if (scheme === 'RESIDENT' && periodYear === year + 1) return { periodYear, startDate: `${periodYear}-01-01` };
  p.add(
    'periodYear',
    scheme === 'RESIDENT' ? say.RESIDENT_PERIOD_YEAR(year, periodYear) : say.EMPLOYEE_PERIOD_YEAR(year, periodYear),
  );
  return { periodYear: year, startDate };
}

/** A registration as the graph, a job or the CLI gives it: periodYear may be left to default. */
export type RegistrationInput = Omit<RegistrationCommand, 'relationId' | 'periodYear'> & { periodYear?: number | null };

export type ValidRegistration<T extends RegistrationInput> = T & { periodYear: number; startDate: IsoDate };

/**
 * E1–E11 input: scheme and categories fit (a school level and graduation day only for SCHOOL, retirees only in the
 * employee scheme), Tianjin codes are 120000 or 1201xx, the dates are in order, the insurance year is startDate's
 * (or, for RESIDENT, the next one: the start moves to 1 January), a back-payment (E2's 补缴) is an EMPLOYEE period
 * that ended before today, and Tianjin employer staff name their employer.
 */
export function validateRegistration<T extends RegistrationInput>(
  command: T,
  today: IsoDate,
): Validated<ValidRegistration<T>> {
  const p = new Problems();
  const { regionCode } = command;
  if (!/^\d{6}$/.test(regionCode)) p.add('regionCode', say.REGION_SHAPE(regionCode));
  else if (regionCode.startsWith('12') && !isTianjin(regionCode)) p.add('regionCode', say.TIANJIN_CODE(regionCode));
  checkCategories(p, command);

  if (command.retired && command.scheme !== 'EMPLOYEE') p.add('retired', say.RETIRED_NOT_EMPLOYEE);
  const school = command.residentCategory === 'SCHOOL';
  if (command.schoolLevel && !school) {
    p.add('schoolLevel', say.SCHOOL_LEVEL_NOT_SCHOOL(command.scheme, command.residentCategory));
  }
  if (school && !command.schoolLevel) p.add('schoolLevel', say.SCHOOL_NEEDS_LEVEL);
  if (command.expectedGraduation && !school) p.add('expectedGraduation', say.GRADUATION_NOT_SCHOOL);

  const period = checkPeriod(p, command.scheme, command.periodYear, command.startDate);
  const endDate = command.endDate ?? null;
  if (endDate && endDate < period.startDate) p.add('endDate', say.END_BEFORE_START(endDate, period.startDate));
  const graduation = command.expectedGraduation ?? null;
  if (graduation && graduation < period.startDate) {
    p.add('expectedGraduation', say.GRADUATION_BEFORE_START(graduation, period.startDate));
  }
  if (command.backPayment) {
    if (command.scheme !== 'EMPLOYEE') p.add('backPayment', say.BACK_PAYMENT_NOT_EMPLOYEE);
    if (!endDate) p.add('endDate', say.BACK_PAYMENT_NEEDS_END);
    else if (endDate >= today) p.add('endDate', say.BACK_PAYMENT_ENDS_BEFORE_TODAY(today));
  }
  if (command.employeeCategory === 'EMPLOYER_STAFF' && isTianjin(regionCode) && !command.unitCode) {
    p.add('unitCode', say.STAFF_NEEDS_CREDIT_CODE);
  }
  return p.result({ ...command, periodYear: period.periodYear, startDate: period.startDate });
}

/** The national platform's notice of a registration elsewhere, as it arrives: periodYear may be left to default. */
export interface RegistrationNoticeInput {
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  residentCategory: ResidentCategory | null;
  regionCode: RegionCode;
  unitCode: string | null;
  unitName: string | null;
  periodYear?: number | null;
  startDate: IsoDate;
  /** The day the registration was made there (E16: the consent must be signed by then); not after today. */
  registeredOn?: IsoDate | null;
}

/**
 * E5, E8 input: the notice names a region outside Tianjin, its scheme and category fit, its insurance year is
 * startDate's (or the next, for RESIDENT), and the day it was made there (`registeredOn`) has come. Fields are named below `prefix` (the notice's place in the command).
 */
export function validateRegistrationNotice<T extends RegistrationNoticeInput>(
  notice: T,
  today: IsoDate,
  prefix = '',
): Validated<T & { periodYear: number; startDate: IsoDate }> {
  const p = new Problems(prefix);
  if (notice.regionCode.startsWith('12')) p.add('regionCode', say.NOTICE_FROM_TIANJIN);
  // E16 compares the consent's signing day with this day: a day not yet come would let a later consent count
  if (notice.registeredOn != null) {
    if (!isIsoDate(notice.registeredOn)) p.add('registeredOn', say.REGISTERED_ON_FORMAT);
    else if (notice.registeredOn > today) p.add('registeredOn', say.REGISTERED_ON_AFTER_TODAY(today));
  }
  checkCategories(p, notice);
  const period = checkPeriod(p, notice.scheme, notice.periodYear, notice.startDate);
  return p.result({ ...notice, periodYear: period.periodYear, startDate: period.startDate });
}

/** A person's registration (参保人登记): the ID document's facts the edge could not derive. */
export interface PersonInput {
  idType: IdType;
  birthDate: IsoDate | null;
}

/** A document other than the resident ID does not give the birth date: it is required, and not after today. */
export function validatePerson<T extends PersonInput>(person: T, today: IsoDate): Validated<T> {
  const p = new Problems();
  if (person.idType !== 'RESIDENT_ID') {
    if (!person.birthDate) p.add('birthDate', say.BIRTH_DATE_REQUIRED);
    else if (person.birthDate > today) p.add('birthDate', say.BIRTH_DATE_AFTER_TODAY);
  }
  return p.result(person);
}

export interface ContributionInput {
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  year: number;
  kind: ContributionKind;
  amountFen: number;
  paidOn: IsoDate;
}

/**
 * E2, E9, E13 facts: an amount in whole fen, an employee category exactly for EMPLOYEE, paid no later than today,
 * for a year from 1998 (the employee scheme's start) to the year after payment; a prepayment (预缴) for the year paid
 * in or later, a back-payment (补缴) for the year paid in or earlier.
 */
export function validateContribution<T extends ContributionInput>(contribution: T, today: IsoDate): Validated<T> {
  const p = new Problems();
  const { amountFen, year, kind, paidOn } = contribution;
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) p.add('amountFen', say.AMOUNT_IN_FEN(amountFen));
  if (contribution.scheme === 'EMPLOYEE' && !contribution.employeeCategory) {
    p.add('employeeCategory', say.CONTRIBUTION_NEEDS_CATEGORY);
  }
  if (contribution.scheme === 'RESIDENT' && contribution.employeeCategory) {
    p.add('employeeCategory', say.CONTRIBUTION_NO_CATEGORY);
  }
  if (paidOn > today) p.add('paidOn', say.PAID_AFTER_TODAY(today));
  const paidYear = yearOf(paidOn);
  if (!Number.isInteger(year) || year < 1998 || year > paidYear + 1) p.add('year', say.CONTRIBUTION_YEAR(paidYear + 1));
  else if (kind === 'PREPAYMENT' && year < paidYear) p.add('year', say.PREPAYMENT_YEAR);
  else if (kind === 'BACK_PAYMENT' && year > paidYear) p.add('year', say.BACK_PAYMENT_YEAR);
  return p.result(contribution);
}

/**
 * 退费 (lifts E2 and E9): not after today, not before the payment, and once only. `contribution` is the recorded
 * payment, when it is known; without it only the date is checked.
 */
export function validateRefund(
  refundedOn: IsoDate,
  today: IsoDate,
  contribution?: { paidOn: IsoDate; refundedOn: IsoDate | null },
): Validated<IsoDate> {
  const p = new Problems();
  if (refundedOn > today) p.add('refundedOn', say.REFUNDED_AFTER_TODAY(today));
  if (contribution?.refundedOn) p.add('contributionId', say.ALREADY_REFUNDED(contribution.refundedOn));
  else if (contribution && refundedOn < contribution.paidOn) p.add('refundedOn', say.REFUND_BEFORE_PAYMENT);
  return p.result(refundedOn);
}

export interface CentralisedPeriodInput {
  forYear: number;
  from: IsoDate;
  to: IsoDate;
}

/**
 * 集中参保缴费期 (E2, E13): for an insurance year 2000–2100, in order, opening before that year begins and closing
 * within it at the latest: the city may run the period into the new year (an extension to the spring is common).
 */
export function validateCentralisedPeriod<T extends CentralisedPeriodInput>(period: T): Validated<T> {
  const p = new Problems();
  const { forYear, from, to } = period;
  if (!Number.isInteger(forYear) || forYear < 2000 || forYear > 2100) p.add('forYear', say.PERIOD_FOR_YEAR);
  if (from > to) p.add('to', say.PERIOD_TO_BEFORE_FROM(from, to));
  if (yearOf(from) >= forYear) p.add('from', say.PERIOD_OPENS_BEFORE_YEAR(forYear));
  if (yearOf(to) > forYear) p.add('to', say.PERIOD_ENDS_IN_YEAR(forYear));
  return p.result(period);
}

/**
 * A clerk's correction (恢复参保) under the E rules: a suspended relation may become ACTIVE again only if
 * - E14: what the newborn batch suspended is not resumed while the person still has no ID number (recordNewbornId
 *   resumes it once the ID is recorded);
 * - E4: a resident relation is not resumed for a person receiving employee retiree benefits;
 * - E17: the resumed relation insures the person twice with no other ACTIVE relation from `today` on. Clashes between
 *   relations the correction does not touch are not judged here.
 */
export function decideResumption(
  snapshot: PersonSnapshot,
  relationId: string,
  today: IsoDate,
): { ok: true } | { ok: false; refusal: RuleRefusal } {
  const target = snapshot.relations.find((r) => r.id === relationId);
  if (!target) return { ok: false, refusal: refusals.E15_NOT_FOUND() };
  if (target.suspensionRule === 'E14' && snapshot.person.idType === 'BIRTH_CERTIFICATE') {
    return { ok: false, refusal: refusals.E14_RESUME_WITHOUT_ID() };
  }
  const retiree = snapshot.relations.some((r) => r.scheme === 'EMPLOYEE' && r.retired && r.status !== 'TERMINATED');
  if (target.scheme === 'RESIDENT' && retiree) return { ok: false, refusal: refusals.E4() };
  const resumed = { ...target, status: 'ACTIVE' as const, endDate: null };
  return clashesWith(resumed, snapshot.relations, today).length > 0
    ? { ok: false, refusal: refusals.E17_RESUME() }
    : { ok: true };
}
