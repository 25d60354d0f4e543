import type { Bilingual } from '@yibao/shared';
import { refusals, type InputProblem, type RuleRefusal } from '../domain';

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

  /** Every problem a domain validate* function found; the first one is the message. */
  static problems(problems: readonly InputProblem[]): EnrollmentError {
    const first = problems[0] ?? { field: 'input', reason: { zh: '输入有误', en: 'invalid input' } };
    return new EnrollmentError(EnrollmentErrorCode.INVALID_INPUT, first.reason, { field: first.field, problems });
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
  return EnrollmentError.refused(refusals.E17_CONSTRAINT());
}

export function isExclusionViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.code === '23P01' || err.driverError?.code === '23P01';
}
