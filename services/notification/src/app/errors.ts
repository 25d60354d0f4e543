import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';

/** Every way a notification command or read can fail; resolvers map them through NOTIFICATION_ERRORS. */
export enum NotificationErrorCode {
  FORBIDDEN = 'FORBIDDEN',
}

export const NOTIFICATION_ERRORS: ErrorTable<NotificationErrorCode> = {
  kinds: { FORBIDDEN: 'FORBIDDEN' },
};

export class NotificationError extends ServiceError<NotificationErrorCode> {
  constructor(code: NotificationErrorCode, reason: Bilingual, details: Record<string, unknown> = {}) {
    super(code, reason, details);
    this.name = 'NotificationError';
  }
}
