import type { Bilingual } from '@yibao/shared';
import type { RuleRefusal } from '../domain';

/** Every way an enrollment command can fail; resolvers map them to GraphQL error codes in one place. */
export enum EnrollmentErrorCode {
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  RELATION_NOT_FOUND = 'RELATION_NOT_FOUND',
  CONTRIBUTION_NOT_FOUND = 'CONTRIBUTION_NOT_FOUND',
  EMPLOYER_NOT_FOUND = 'EMPLOYER_NOT_FOUND',
  BATCH_JOB_NOT_FOUND = 'BATCH_JOB_NOT_FOUND',
  PERSON_ALREADY_REGISTERED = 'PERSON_ALREADY_REGISTERED',
  EMPLOYER_ALREADY_REGISTERED = 'EMPLOYER_ALREADY_REGISTERED',
  /** Input that is well-formed but names something that does not fit (an unknown employer, a date out of order). */
  INVALID_INPUT = 'INVALID_INPUT',
  /** The command does not fit the record's current state (resume an active relation, terminate twice). */
  INVALID_STATE = 'INVALID_STATE',
  RULE_REFUSED = 'RULE_REFUSED',
  FORBIDDEN = 'FORBIDDEN',
}

export class EnrollmentError extends Error {
  constructor(
    readonly code: EnrollmentErrorCode,
    readonly reason: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${reason.en}`);
    this.name = 'EnrollmentError';
  }

  static refused(refusal: RuleRefusal): EnrollmentError {
    return new EnrollmentError(EnrollmentErrorCode.RULE_REFUSED, refusal.reason, {
      rule: refusal.rule,
      nextStep: refusal.nextStep,
    });
  }

  static invalid(field: string, reason: Bilingual): EnrollmentError {
    return new EnrollmentError(EnrollmentErrorCode.INVALID_INPUT, reason, { field });
  }

  static state(reason: Bilingual, details: Record<string, unknown> = {}): EnrollmentError {
    return new EnrollmentError(EnrollmentErrorCode.INVALID_STATE, reason, details);
  }

  static notFound(code: EnrollmentErrorCode, id: string): EnrollmentError {
    return new EnrollmentError(code, { zh: '未找到', en: 'not found' }, { id });
  }
}

/** E17 at the database: the exclusion constraint refused a second ACTIVE relation. */
export function e17Refusal(): EnrollmentError {
  return EnrollmentError.refused({
    rule: 'E17',
    reason: {
      zh: '该参保人在同一期间已有正常参保关系，不能重复参保',
      en: 'the person already has an active relation for this period; nobody is insured twice',
    },
    nextStep: {
      zh: '请先暂停原参保关系，再办理新的参保登记',
      en: 'suspend the existing relation first, then register the new one',
    },
  });
}

export function isExclusionViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.code === '23P01' || err.driverError?.code === '23P01';
}
