import {
  maskSensitive,
  type CloudEvent,
  type Clock,
  type Identity,
  type Logger,
  type OutboxWriter,
  type ServiceRuntime,
} from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { NotificationSettings } from '../config';
import {
  renderTemplate,
  routeSms,
  sendableAt,
  type KnownRecipient,
  type PlannedMessage,
  type Rendered,
  type TemplateCatalogue,
  type Variables,
} from '../domain';
import { MessageEntity, RecipientEntity, SmsDeliveryEntity } from '../entities';
import { staffScope } from './access';
import type { DeliveryView } from './staff.service';
import { NotificationError } from './errors';

/** Wakes the SMS sender when something was queued (its poll is the safety net). */
export interface SenderKick {
  kick(): void;
}

/**
 * Turns planned messages into stored ones, inside the consumer's transaction (the inbox row commits with them):
 * rendered from their template, in-app and staff messages SENT at once, an SMS routed (held, undeliverable, refused
 * or queued for the sender). Bad input — a template that cannot be rendered, a number that is not a mainland
 * mobile — is caught here, before anything is sent: the message is parked as FAILED with the reason, logged, and
 * `notification-failed` is published; the consumer goes on. Every message SENT publishes `notification-sent`.
 */
export class DeliveryService {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly outbox: OutboxWriter;
  private readonly runtime: ServiceRuntime;

  constructor(
    runtime: ServiceRuntime,
    private readonly templates: TemplateCatalogue,
    private readonly settings: NotificationSettings,
    private readonly sender: SenderKick,
  ) {
    this.runtime = runtime;
    this.logger = runtime.logger;
    this.clock = runtime.clock;
    this.outbox = runtime.outbox;
  }

  /** Stores an event's messages; returns them as stored. */
  async deliver(manager: EntityManager, cause: CloudEvent, planned: PlannedMessage[]): Promise<MessageEntity[]> {
    if (planned.length === 0) return [];
    const now = this.clock.now();
    // a message with no SMS needs no recipient; one with an SMS reads the person's reach under the per-person lock
    const sms = planned.find((p) => p.channel === 'SMS');
    const recipient = sms ? await this.recipientOf(manager, sms.personId) : null;
    const saved: MessageEntity[] = [];
    let queued = false;
    for (const p of planned) {
      const template = this.templates.get(p.template);
      const rendered = template
        ? renderTemplate(template, p.variables)
        : ({ ok: false, error: `no template ${p.template} in the catalogue` } as const);
      const row = manager.create(MessageEntity, {
        personId: p.personId,
        channel: p.channel,
        rule: p.rule,
        template: p.template,
        district: p.district,
        urgent: p.urgent,
        variables: storable(p.variables),
        causedByEventId: cause.id,
        causedByEventType: cause.type,
        title: '',
        body: '',
        titleEn: '',
        bodyEn: '',
        status: 'FAILED',
        error: null,
        mobile: null,
        createdAt: now,
        sentAt: null,
      });
      if (!rendered.ok) {
        row.error = rendered.error;
        const m = await manager.save(row);
        this.logger.error(
          { messageId: m.id, template: p.template, personId: p.personId, eventId: cause.id, error: rendered.error },
          'message parked: its template could not be rendered',
        );
        await this.emitFailed(manager, m, 0, now);
        saved.push(m);
        continue;
      }
      setTexts(row, rendered.value);
      if (p.channel !== 'SMS') {
        row.status = 'SENT';
        row.sentAt = now;
        const m = await manager.save(row);
        await this.emitSent(manager, m, now);
        saved.push(m);
        continue;
      }
      const m = await this.routeSms(manager, row, recipient, now);
      queued ||= m.status === 'QUEUED';
      saved.push(m);
    }
    if (queued) this.sender.kick();
    return saved;
  }

  /** An SMS (its texts rendered) routed from what is known of the person's reach, and stored. */
  private async routeSms(
    manager: EntityManager,
    row: MessageEntity,
    recipient: KnownRecipient,
    now: Date,
  ): Promise<MessageEntity> {
    const route = routeSms(recipient);
    switch (route.kind) {
      case 'HOLD':
        row.status = 'HELD';
        break;
      case 'UNDELIVERABLE':
        row.status = 'UNDELIVERABLE';
        row.error = route.reason.en;
        break;
      case 'REFUSE':
        row.status = 'FAILED';
        row.error = maskSensitive(`not a mainland mobile number: ${route.reason.en}`);
        break;
      case 'QUEUE':
        row.status = 'QUEUED';
        row.mobile = route.mobile;
        break;
    }
    const m = await manager.save(row);
    if (route.kind === 'HOLD')
      this.logger.info({ messageId: m.id, personId: m.personId }, 'SMS held until the person is known');
    if (route.kind === 'UNDELIVERABLE') {
      this.logger.warn({ messageId: m.id, personId: m.personId }, 'SMS undeliverable: the person has no mobile number');
      await this.emitFailed(manager, m, 0, now);
    }
    if (route.kind === 'REFUSE') {
      this.logger.error(
        { messageId: m.id, personId: m.personId, error: m.error },
        'SMS parked before sending: the number on record is not a mainland mobile number',
      );
      await this.emitFailed(manager, m, 0, now);
    }
    if (route.kind === 'QUEUE') await this.queue(manager, m, route.mobile, now);
    return m;
  }

  /** Hands an SMS to the sender: a sms_delivery row, due now or at the end of quiet hours. */
  private async queue(manager: EntityManager, m: MessageEntity, mobile: string, now: Date): Promise<void> {
    await manager.upsert(
      SmsDeliveryEntity,
      {
        messageId: m.id,
        mobile,
        text: m.body,
        urgent: m.urgent,
        status: 'QUEUED',
        attempts: 0,
        notBefore: sendableAt(now, this.settings.quietHours, m.urgent),
        lastError: null,
        createdAt: now,
        updatedAt: now,
      },
      ['messageId'],
    );
  }

  /**
   * Keeps how to reach a person (from person-registered), and routes the SMS held for them: queued to the number,
   * undeliverable without one, parked when the number is not a mainland mobile.
   */
  async rememberRecipient(
    manager: EntityManager,
    personId: string,
    name: string,
    mobile: string | null,
  ): Promise<void> {
    await this.lockRecipient(manager, personId);
    await manager.upsert(RecipientEntity, { personId, name, mobile }, ['personId']);
    const held = await manager.find(MessageEntity, {
      where: { personId, channel: 'SMS', status: 'HELD' },
      order: { seq: 'ASC' },
    });
    if (held.length === 0) return;
    const now = this.clock.now();
    for (const m of held) await this.routeSms(manager, m, { mobile }, now);
    if (held.some((m) => m.status === 'QUEUED')) {
      this.logger.info({ personId, messages: held.length }, 'held SMS released');
      this.sender.kick();
    }
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

  /**
   * Staff retry a parked message (FAILED or UNDELIVERABLE) of their scope: rendered again from its template if that
   * had failed, an SMS queued again (to `mobile` when staff give a corrected number) with a fresh count of tries.
   */
  async retry(messageId: string, reader: Identity, mobile?: string | null): Promise<DeliveryView> {
    const scope = staffScope(reader, null);
    return this.runtime.command(async (manager) => {
      const m = await manager.findOne(MessageEntity, {
        where: { id: messageId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!m || (scope !== null && m.district !== scope)) throw NotificationError.notFound(messageId);
      if (m.status !== 'FAILED' && m.status !== 'UNDELIVERABLE')
        throw NotificationError.notRetryable(
          { zh: `该消息状态为 ${m.status}，无需重发`, en: `the message is ${m.status}, not parked` },
          { id: messageId, status: m.status },
        );
      const now = this.clock.now();
      if (!m.body) {
        const template = this.templates.get(m.template);
        const rendered = template
          ? renderTemplate(template, (m.variables ?? {}) as Variables)
          : ({ ok: false, error: `no template ${m.template} in the catalogue` } as const);
        if (!rendered.ok)
          throw NotificationError.notRetryable(
            {
              zh: `模板仍无法生成消息：${rendered.error}`,
              en: `the template still cannot be rendered: ${rendered.error}`,
            },
            { id: messageId },
          );
        setTexts(m, rendered.value);
      }
      m.error = null;
      if (m.channel !== 'SMS') {
        m.status = 'SENT';
        m.sentAt = now;
        const saved = await manager.save(m);
        await this.emitSent(manager, saved, now);
        return { message: saved, delivery: null, seq: saved.seq };
      }
      const known = m.personId ? await this.recipientOf(manager, m.personId) : null;
      const number = mobile ?? m.mobile ?? known?.mobile ?? null;
      const route = routeSms({ mobile: number });
      if (route.kind === 'REFUSE' && mobile) throw NotificationError.invalid('mobile', route.reason);
      if (route.kind !== 'QUEUE')
        throw NotificationError.notRetryable(
          {
            zh: '没有可用的手机号码，请提供参保人的中国大陆手机号码',
            en: 'no usable mobile number: give the person’s mainland mobile number',
          },
          { id: messageId },
        );
      m.status = 'QUEUED';
      m.mobile = route.mobile;
      const saved = await manager.save(m);
      await this.queue(manager, saved, route.mobile, now);
      this.logger.info({ messageId, by: reader.subject }, 'parked message retried by staff');
      this.sender.kick();
      // as it stands at the retry (the sender may take it the moment this commits)
      const delivery = await manager.findOneByOrFail(SmsDeliveryEntity, { messageId: saved.id });
      return { message: saved, delivery, seq: saved.seq };
    });
  }

  async emitSent(manager: EntityManager, m: MessageEntity, at: Date): Promise<void> {
    await this.outbox.write(manager, 'notification-sent', m.personId ?? m.id, {
      messageId: m.id,
      personId: m.personId,
      channel: m.channel,
      rule: m.rule,
      causedBy: m.causedByEventId,
      sentAt: at.toISOString(),
    });
  }

  async emitFailed(manager: EntityManager, m: MessageEntity, attempts: number, at: Date): Promise<void> {
    await this.outbox.write(manager, 'notification-failed', m.personId ?? m.id, {
      messageId: m.id,
      personId: m.personId,
      channel: m.channel,
      rule: m.rule,
      causedBy: m.causedByEventId,
      attempts,
      error: m.error ?? 'unknown',
      failedAt: at.toISOString(),
    });
  }
}

function setTexts(row: MessageEntity, r: Rendered): void {
  row.title = r.title.zh;
  row.body = r.body.zh;
  row.titleEn = r.title.en;
  row.bodyEn = r.body.en;
}

/** Variables as JSON, every text masked (a free-text reason may carry a number the planner did not know of). */
function storable(v: Variables): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v), (_k, value: unknown) =>
    typeof value === 'string' ? maskSensitive(value) : value,
  ) as Record<string, unknown>;
}
