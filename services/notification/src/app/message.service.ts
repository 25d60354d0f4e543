import { isStaff, type CloudEvent, type Identity, type ServiceRuntime } from '@yibao/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageDraft } from '../domain/messages';
import { MessageEntity, RecipientEntity } from '../entities';

export class NotificationForbidden extends Error {}

export class MessageService {
  private readonly ds: DataSource;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
  }

  /**
   * Stores messages inside the consumer's transaction (the inbox row commits with them). An SMS is stored as sent
   * here; handing it to the operator's SMS gateway is a delivery adapter still to come.
   */
  async deliver(
    manager: EntityManager,
    personId: string | null,
    drafts: MessageDraft[],
    cause: CloudEvent,
  ): Promise<MessageEntity[]> {
    return manager.save(
      drafts.map((draft) =>
        manager.create(MessageEntity, {
          personId,
          channel: draft.channel,
          rule: draft.rule,
          title: draft.title,
          body: draft.body,
          causedByEventId: cause.id,
          causedByEventType: cause.type,
        }),
      ),
    );
  }

  async rememberRecipient(
    manager: EntityManager,
    personId: string,
    name: string,
    mobile: string | null,
  ): Promise<void> {
    await manager.upsert(RecipientEntity, { personId, name, mobile }, ['personId']);
  }

  async mobileOf(manager: EntityManager, personId: string): Promise<string | null> {
    const r = await manager.findOne(RecipientEntity, { where: { personId } });
    return r?.mobile ?? null;
  }

  async forPerson(personId: string, reader: Identity): Promise<MessageEntity[]> {
    if (!isStaff(reader) && reader.role !== 'SYSTEM' && !(reader.role === 'PERSON' && reader.personId === personId)) {
      throw new NotificationForbidden();
    }
    return this.ds.getRepository(MessageEntity).find({ where: { personId }, order: { createdAt: 'ASC' } });
  }
}
