import { groupLoader, type DataLoader, type Identity } from '@yibao/shared';
import { In, type DataSource } from 'typeorm';
import { MessageEntity } from '../entities';
import { messagesRefusal } from './access';

/** The reads of one request, batched: the messages of N persons in one query. */
export interface NotificationLoaders {
  /** The messages that reached each person (SENT); a held or undeliverable SMS stays in the table for operators. */
  messagesOf: DataLoader<string, MessageEntity[]>;
}

export function createNotificationLoaders(ds: DataSource, reader: Identity): NotificationLoaders {
  return {
    messagesOf: groupLoader(
      (personIds) =>
        ds
          .getRepository(MessageEntity)
          .find({ where: { personId: In([...personIds]), status: 'SENT' }, order: { createdAt: 'ASC' } }),
      (m) => m.personId ?? '',
      (personId) => messagesRefusal(reader, personId),
    ),
  };
}
