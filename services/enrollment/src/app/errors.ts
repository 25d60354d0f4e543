import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';
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

/** How each code reaches the client (resolvers map every error through this table, in resolvers/errors.ts). */
export const ENROLLMENT_ERRORS: ErrorTable<EnrollmentErrorCode> = {
  kinds: {
    PERSON_NOT_FOUND: 'NOT_FOUND',
    RELATION_NOT_FOUND: 'NOT_FOUND',
    CONTRIBUTION_NOT_FOUND: 'NOT_FOUND',
    EMPLOYER_NOT_FOUND: 'NOT_FOUND',
    BATCH_JOB_NOT_FOUND: 'NOT_FOUND',
    PERSON_ALREADY_REGISTERED: 'CONFLICT',
    EMPLOYER_ALREADY_REGISTERED: 'CONFLICT',
    INVALID_INPUT: 'BAD_USER_INPUT',
    INVALID_STATE: 'CONFLICT',
    RULE_REFUSED: 'RULE_REFUSED',
    FORBIDDEN: 'FORBIDDEN',
  },
  what: {
    PERSON_NOT_FOUND: '参保人 / person',
    RELATION_NOT_FOUND: '参保关系 / relation',
    CONTRIBUTION_NOT_FOUND: '缴费记录 / contribution',
    EMPLOYER_NOT_FOUND: '参保单位 / employer',
    BATCH_JOB_NOT_FOUND: '批处理任务 / batch job',
  },
};

export class EnrollmentError extends ServiceError<EnrollmentErrorCode> {
  constructor(code: EnrollmentErrorCode, reason: Bilingual, details: Record<string, unknown> = {}) {
    super(code, reason, details);
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
