import { type Clock, type CloudEvent, type Identity, type Logger, type ServiceRuntime } from '@yibao/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { smsDelivery, type KnownRecipient, type MessageDraft } from '../domain/messages';
import { MessageEntity, RecipientEntity } from '../entities';
import { createNotificationLoaders } from './loaders';

export class MessageService {
  private readonly ds: DataSource;
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
    this.logger = runtime.logger;
    this.clock = runtime.clock;
  }

  /**
   * Stores messages inside the consumer's transaction (the inbox row commits with them). An SMS to a known number is
   * stored as sent here (handing it to the operator's SMS gateway is a delivery adapter still to come); one for a
   * person not known yet is held until rememberRecipient releases it.
   */
  async deliver(
    manager: EntityManager,
    personId: string | null,
    drafts: MessageDraft[],
    cause: CloudEvent,
  ): Promise<MessageEntity[]> {
    // a message with no person (staff, N4) is never an SMS; one that were could not be delivered
    const sms = drafts.some((d) => d.channel === 'SMS')
      ? smsDelivery(personId === null ? { mobile: null } : await this.recipientOf(manager, personId))
      : null;
    const now = this.clock.now();
    const saved = await manager.save(
      drafts.map((draft) => {
        const { status, mobile } = draft.channel === 'SMS' && sms ? sms : ({ status: 'SENT', mobile: null } as const);
        return manager.create(MessageEntity, {
          personId,
          channel: draft.channel,
          rule: draft.rule,
          title: draft.title,
          body: draft.body,
          causedByEventId: cause.id,
          causedByEventType: cause.type,
          status,
          mobile,
          sentAt: status === 'SENT' ? now : null,
        });
      }),
    );
    for (const m of saved) if (m.status !== 'SENT') this.logNotSent(m.personId, m.status, 1);
    return saved;
  }

  /**
   * Keeps how to reach a person (from person-registered), and releases the SMS held for them: sent to the number, or
   * undeliverable when there is none.
   */
  async rememberRecipient(
    manager: EntityManager,
    personId: string,
    name: string,
    mobile: string | null,
  ): Promise<void> {
    await this.lockRecipient(manager, personId);
    await manager.upsert(RecipientEntity, { personId, name, mobile }, ['personId']);
    const release = smsDelivery({ mobile });
    const released = await manager
      .createQueryBuilder()
      .update(MessageEntity)
      .set({
        status: release.status,
        mobile: release.mobile,
        sentAt: release.status === 'SENT' ? this.clock.now() : null,
      })
      .where('person_id = :personId AND channel = :channel AND status = :held', {
        personId,
        channel: 'SMS',
        held: 'HELD',
      })
      .execute();
    const n = released.affected ?? 0;
    if (n > 0 && release.status === 'SENT') this.logger.info({ personId, messages: n }, 'held SMS released');
    if (n > 0 && release.status !== 'SENT') this.logNotSent(personId, release.status, n);
  }

  /** What is known of the person's reach, read under the recipient lock (see lockRecipient). */
  private async recipientOf(manager: EntityManager, personId: string): Promise<KnownRecipient> {
    await this.lockRecipient(manager, personId);
    const r = await manager.findOne(RecipientEntity, { where: { personId } });
    return r ? { mobile: r.mobile } : null;
  }

  /**
   * Serialises, per person, holding an SMS and releasing held ones. Two service instances may take a person's
   * suspension and registration at the same time (different topics, different group members): without the lock the
   * suspension could miss the recipient being written and hold its SMS after the release has run, for ever.
   * Transaction-scoped: it goes with the commit.
   */
  private async lockRecipient(manager: EntityManager, personId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`recipient:${personId}`]);
  }

  private logNotSent(personId: string | null, status: string, messages: number): void {
    if (status === 'HELD') this.logger.info({ personId, messages }, 'SMS held until the person is known');
    else this.logger.warn({ personId, messages }, 'SMS undeliverable: the person has no mobile number');
  }

  /** The messages that reached the person, as the graph lists them (the same loader and check). */
  forPerson(personId: string, reader: Identity): Promise<MessageEntity[]> {
    return createNotificationLoaders(this.ds, reader).messagesOf.load(personId);
  }
}
