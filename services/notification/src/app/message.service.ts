import { isStaff, type CloudEvent, type Identity, type ServiceRuntime } from '@yibao/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageDraft } from '../domain/messages';
import { MessageEntity } from '../entities';

export class NotificationForbidden extends Error {}

export class MessageService {
  private readonly ds: DataSource;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
  }

  /** Stores a message inside the consumer's transaction (the inbox row commits with it). */
  async deliver(
    manager: EntityManager,
    personId: string | null,
    draft: MessageDraft,
    cause: CloudEvent,
  ): Promise<MessageEntity> {
    return manager.save(
      manager.create(MessageEntity, {
        personId,
        channel: draft.channel,
        rule: draft.rule,
        title: draft.title,
        body: draft.body,
        causedByEventId: cause.id,
        causedByEventType: cause.type,
      }),
    );
  }

  async forPerson(personId: string, reader: Identity): Promise<MessageEntity[]> {
    if (!isStaff(reader) && reader.role !== 'SYSTEM' && !(reader.role === 'PERSON' && reader.personId === personId)) {
      throw new NotificationForbidden();
    }
    return this.ds.getRepository(MessageEntity).find({ where: { personId }, order: { createdAt: 'ASC' } });
  }
}
