import { ServiceError, type Bilingual, type ErrorTable } from '@yibao/shared';

/** Every way a notification command or read can fail; resolvers map them through NOTIFICATION_ERRORS. */
export enum NotificationErrorCode {
  FORBIDDEN = 'FORBIDDEN',
  MESSAGE_NOT_FOUND = 'MESSAGE_NOT_FOUND',
  /** Input that is well-formed but does not fit (a number that is not a mainland mobile, a bad cursor). */
  INVALID_INPUT = 'INVALID_INPUT',
  /** The message is not parked (sent, queued or held), or a retry cannot succeed as things are. */
  NOT_RETRYABLE = 'NOT_RETRYABLE',
}

export const NOTIFICATION_ERRORS: ErrorTable<NotificationErrorCode> = {
  kinds: {
    [NotificationErrorCode.FORBIDDEN]: 'FORBIDDEN',
    [NotificationErrorCode.MESSAGE_NOT_FOUND]: 'NOT_FOUND',
    [NotificationErrorCode.INVALID_INPUT]: 'BAD_USER_INPUT',
    [NotificationErrorCode.NOT_RETRYABLE]: 'CONFLICT',
  },
  what: { [NotificationErrorCode.MESSAGE_NOT_FOUND]: '消息 / message' },
};

export class NotificationError extends ServiceError<NotificationErrorCode> {
  static forbidden(zh: string, en: string): NotificationError {
    return new NotificationError(NotificationErrorCode.FORBIDDEN, { zh, en });
  }

  static invalid(field: string, reason: Bilingual): NotificationError {
    return new NotificationError(NotificationErrorCode.INVALID_INPUT, reason, { field });
  }

  static notRetryable(reason: Bilingual, details: Record<string, unknown> = {}): NotificationError {
    return new NotificationError(NotificationErrorCode.NOT_RETRYABLE, reason, details);
  }

  static notFound(id: string): NotificationError {
    return new NotificationError(NotificationErrorCode.MESSAGE_NOT_FOUND, { zh: '未找到', en: 'not found' }, { id });
  }
}
