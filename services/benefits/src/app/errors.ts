import { ServiceError, type Bilingual, type ErrorTable, type FieldProblem } from '@yibao/shared';

/** Every way a benefits read or command can fail; the table says which GraphQL code each becomes. */
export enum BenefitsErrorCode {
  /** Well-formed input that does not fit: an unknown person or transfer, a date out of range, a past effective date. */
  INVALID_INPUT = 'INVALID_INPUT',
  /** The info sheet of this transfer was already recorded. */
  ALREADY_RECORDED = 'ALREADY_RECORDED',
  FORBIDDEN = 'FORBIDDEN',
}

export const BENEFITS_ERRORS: ErrorTable<BenefitsErrorCode> = {
  kinds: {
    [BenefitsErrorCode.INVALID_INPUT]: 'BAD_USER_INPUT',
    [BenefitsErrorCode.ALREADY_RECORDED]: 'CONFLICT',
    [BenefitsErrorCode.FORBIDDEN]: 'FORBIDDEN',
  },
};

export class BenefitsError extends ServiceError<BenefitsErrorCode> {
  /** BAD_USER_INPUT naming one field (its argument path, e.g. `input.effectiveFrom` or `on`). */
  static invalid(field: string, reason: Bilingual): BenefitsError {
    return new BenefitsError(BenefitsErrorCode.INVALID_INPUT, reason, { field });
  }

  /** BAD_USER_INPUT naming every faulty field at once. */
  static problems(problems: FieldProblem[]): BenefitsError {
    const first = problems[0] ?? { field: 'input', reason: { zh: '输入有误', en: 'invalid input' } };
    return new BenefitsError(BenefitsErrorCode.INVALID_INPUT, first.reason, { field: first.field, problems });
  }

  static forbidden(zh: string, en: string): BenefitsError {
    return new BenefitsError(BenefitsErrorCode.FORBIDDEN, { zh, en });
  }
}

export function unknownPerson(field: string, personId: string): BenefitsError {
  return BenefitsError.invalid(field, {
    zh: `未知的参保人 ${personId}：医保待遇服务没有该人员的任何参保记录`,
    en: `unknown person ${personId}: benefits has no record of this person`,
  });
}
