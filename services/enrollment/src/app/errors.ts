import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';
import { refusals, type InputProblem, type RuleRefusal } from '../domain';

/** Every way an enrollment command can fail; resolvers map them to GraphQL error codes in one place. */
export enum EnrollmentErrorCode {
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  RELATION_NOT_FOUND = 'RELATION_NOT_FOUND',
  CONTRIBUTION_NOT_FOUND = 'CONTRIBUTION_NOT_FOUND',
  CONSENT_NOT_FOUND = 'CONSENT_NOT_FOUND',
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
    CONSENT_NOT_FOUND: 'NOT_FOUND',
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
    CONSENT_NOT_FOUND: '知情同意书 / consent',
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
function e17Refusal(): EnrollmentError {
  return EnrollmentError.refused(refusals.E17_CONSTRAINT());
}

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
  driverError?: { code?: string; constraint?: string };
}

const pgCode = (e: unknown): string | undefined => (e as PgError)?.code ?? (e as PgError)?.driverError?.code;
const pgConstraint = (e: unknown): string =>
  (e as PgError)?.constraint ?? (e as PgError)?.driverError?.constraint ?? 'unknown';

/** What each constraint protects, for the texts of a violation that reached the database. */
const CONSTRAINT_TEXT: Record<string, Bilingual> = {
  relation_dates: {
    zh: '参保关系的结束日期不能早于开始日期',
    en: "a relation's end date cannot be before its start date",
  },
  relation_scheme_category: {
    zh: '参保类别与险种不符',
    en: 'the category does not fit the scheme',
  },
  centralised_period_check: {
    zh: '集中参保缴费期应在参保年度开始前开始、在参保年度内结束',
    en: 'the centralised period opens before its insurance year and closes within it',
  },
};

/**
 * A constraint of the database refused what the rules let through: never an internal error. E17's exclusion is the
 * rule's own refusal; a CHECK, unique, not-null or foreign-key violation (and a relation whose coverage range would
 * end before it starts, which PostgreSQL reports while computing the generated column) becomes INVALID_STATE naming
 * the constraint, so the
 * clerk reads what was wrong and nothing is written (the transaction is rolled back). Anything else is returned as is.
 */
export function fromDatabase(e: unknown): unknown {
  if (e instanceof ServiceError) return e;
  const code = pgCode(e);
  if (code === '23P01') return e17Refusal();
  // the generated coverage range (E17) cannot be built when a relation would end before it starts
  const range = code === '22000' && /range lower bound/.test((e as PgError).message ?? '');
  if (!range && code !== '23514' && code !== '23505' && code !== '23503' && code !== '23502') return e;
  const constraint = range ? 'relation_dates' : pgConstraint(e);
  const reason = CONSTRAINT_TEXT[constraint] ?? {
    zh: `数据校验未通过（${constraint}），未作任何变更`,
    en: `the database refused the change (${constraint}); nothing was written`,
  };
  return EnrollmentError.state(reason, { constraint, sqlState: code });
}
