import { isStaff, type Identity } from '@yibao/shared';
import { NotificationError, NotificationErrorCode } from './errors';

/** A person reads their own messages; staff and the system read anyone's. Null when allowed, else the refusal. */
export function messagesRefusal(reader: Identity, personId: string): NotificationError | null {
  if (isStaff(reader) || reader.role === 'SYSTEM') return null;
  if (reader.role === 'PERSON' && reader.personId === personId) return null;
  return new NotificationError(NotificationErrorCode.FORBIDDEN, {
    zh: '无权查看他人的消息',
    en: "you may not read another person's messages",
  });
}
