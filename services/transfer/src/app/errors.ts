import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';

/** Every way a transfer command or read can fail; resolvers map them through TRANSFER_ERRORS. */
export enum TransferErrorCode {
  FORBIDDEN = 'FORBIDDEN',
}

export const TRANSFER_ERRORS: ErrorTable<TransferErrorCode> = {
  kinds: { FORBIDDEN: 'FORBIDDEN' },
};

export class TransferError extends ServiceError<TransferErrorCode> {
  constructor(code: TransferErrorCode, reason: Bilingual, details: Record<string, unknown> = {}) {
    super(code, reason, details);
    this.name = 'TransferError';
  }
}
