import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';
import type { FieldProblem, RuleRefusal } from '../domain';

/** Every way a transfer command or read can fail; the table below maps each to a GraphQL code in one place. */
export enum TransferErrorCode {
  TRANSFER_NOT_FOUND = 'TRANSFER_NOT_FOUND',
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  /** Well-formed input that does not fit: a region that does not exist, destination = source, a bad amount. */
  INVALID_INPUT = 'INVALID_INPUT',
  /** A step the state machine does not allow in the transfer's current status. */
  STEP_OUT_OF_ORDER = 'STEP_OUT_OF_ORDER',
  /** A second open transfer for the same person and direction. */
  TRANSFER_ALREADY_OPEN = 'TRANSFER_ALREADY_OPEN',
  /** The transfer changed under the command (another clerk's step): try again. */
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  NOT_SEALED = 'NOT_SEALED',
  RULE_REFUSED = 'RULE_REFUSED',
  FORBIDDEN = 'FORBIDDEN',
}

export const TRANSFER_ERRORS: ErrorTable<TransferErrorCode> = {
  kinds: {
    [TransferErrorCode.TRANSFER_NOT_FOUND]: 'NOT_FOUND',
    [TransferErrorCode.PERSON_NOT_FOUND]: 'NOT_FOUND',
    [TransferErrorCode.INVALID_INPUT]: 'BAD_USER_INPUT',
    [TransferErrorCode.STEP_OUT_OF_ORDER]: 'CONFLICT',
    [TransferErrorCode.TRANSFER_ALREADY_OPEN]: 'CONFLICT',
    [TransferErrorCode.CONCURRENT_CHANGE]: 'CONFLICT',
    [TransferErrorCode.NOT_SEALED]: 'CONFLICT',
    [TransferErrorCode.RULE_REFUSED]: 'RULE_REFUSED',
    [TransferErrorCode.FORBIDDEN]: 'FORBIDDEN',
  },
  what: {
    [TransferErrorCode.TRANSFER_NOT_FOUND]: '转移接续 / transfer',
    [TransferErrorCode.PERSON_NOT_FOUND]: '参保人 / person',
  },
};

export class TransferError extends ServiceError<TransferErrorCode> {
  constructor(code: TransferErrorCode, reason: Bilingual, details: Record<string, unknown> = {}) {
    super(code, reason, details);
    this.name = 'TransferError';
  }

  static refused(refusal: RuleRefusal): TransferError {
    return new TransferError(TransferErrorCode.RULE_REFUSED, refusal.reason, {
      rule: refusal.rule,
      nextStep: refusal.nextStep,
      reasons: refusal.problems,
    });
  }

  static invalid(problems: FieldProblem[]): TransferError {
    const [first] = problems;
    return new TransferError(
      TransferErrorCode.INVALID_INPUT,
      first?.reason ?? { zh: '输入有误', en: 'invalid input' },
      {
        problems,
      },
    );
  }

  static invalidField(field: string, reason: Bilingual): TransferError {
    return TransferError.invalid([{ field, reason }]);
  }

  static notFound(id: string): TransferError {
    return new TransferError(TransferErrorCode.TRANSFER_NOT_FOUND, { zh: '未找到', en: 'not found' }, { id });
  }

  static forbidden(zh: string, en: string): TransferError {
    return new TransferError(TransferErrorCode.FORBIDDEN, { zh, en });
  }
}

/** PostgreSQL's unique_violation on the index that allows one open transfer per person and direction. */
export function isOneOpenViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = err.code ?? err.driverError?.code;
  const constraint = err.constraint ?? err.driverError?.constraint;
  return code === '23505' && constraint === 'transfer_one_open';
}
