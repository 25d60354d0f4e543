import { randomUUID } from 'node:crypto';
import {
  maskSensitive,
  withCorrelation,
  type CloudEvent,
  type Clock,
  type Identity,
  type Logger,
  type OutboxEvent,
  type OutboxWriter,
  type ServiceRuntime,
} from '@yibao/shared';
import { In, type EntityManager } from 'typeorm';
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
import { MessageEntity, SmsDeliveryEntity } from '../entities';
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
/**
 * The recipient locks of the persons in `$1` (text[], sorted by the caller), in that order, in one statement: the one
 * spelling of the lock key, for every path that holds or releases a person's SMS (see lockRecipients).
 */
const LOCK_RECIPIENTS = `SELECT pg_advisory_xact_lock(hashtextextended('recipient:' || p, 0)) FROM unnest($1::text[]) AS p`;

export class DeliveryService {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly outbox: OutboxWriter;
  private readonly runtime: ServiceRuntime;
  /** Transactions that queued an SMS (their managers): whoever commits one wakes the sender after (`queuedIn`). */
  private readonly queued = new WeakSet<EntityManager>();

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
    return (await this.deliverMany(manager, [{ cause, planned }]))[0]!;
  }

  /**
   * Stores the messages of several events, in their order, in a few statements whatever their number (a consumer
   * applying a fetched batch at once): the SMS recipients locked and read in one statement each, every message in one
   * INSERT, their notification-sent / notification-failed events in one, the SMS queue rows in one. The same rows and
   * events as storing each event's messages in turn. Returns each event's messages as stored.
   */
  async deliverMany(manager: EntityManager, deliveries: readonly Delivery[]): Promise<MessageEntity[][]> {
    const now = this.clock.now();
    // a message with no SMS needs no recipient; one with an SMS reads the person's reach under the per-person lock
    const recipients = await this.recipientsOf(
      manager,
      deliveries.flatMap((d) => d.planned.filter((p) => p.channel === 'SMS').map((p) => p.personId)),
    );
    const out = consequences();
    const rows: MessageEntity[] = [];
    const saved = deliveries.map(({ cause, planned }) => {
      // what the event leads to carries its correlation id, as when its handler runs alone
      const correlationId = cause.correlationid ?? cause.id;
      return planned.map((p) => {
        const row = draft(cause, p, now);
        rows.push(row);
        const template = this.templates.get(p.template);
        const rendered = template
          ? renderTemplate(template, p.variables)
          : ({ ok: false, error: `no template ${p.template} in the catalogue` } as const);
        if (!rendered.ok) {
          row.error = rendered.error;
          later(out, correlationId, () =>
            this.logger.error(
              {
                messageId: row.id,
                template: p.template,
                personId: p.personId,
                eventId: cause.id,
                error: rendered.error,
              },
              'message parked: its template could not be rendered',
            ),
          );
          out.events.push(failedEvent(row, 0, now, correlationId));
          return row;
        }
        setTexts(row, rendered.value);
        if (p.channel !== 'SMS') {
          row.status = 'SENT';
          row.sentAt = now;
          out.events.push(sentEvent(row, now, correlationId));
          return row;
        }
        this.routeSms(row, recipients.get(p.personId) ?? null, now, out, correlationId);
        return row;
      });
    });
    await insertMessages(manager, rows);
    await this.settle(manager, out, now);
    return saved;
  }

  /**
   * Routes an SMS (its texts rendered) from what is known of the person's reach: sets its status, error and number,
   * and adds what follows (its event, its queue row, the log line) to `out`. Stored by the caller.
   */
  private routeSms(
    row: MessageEntity,
    recipient: KnownRecipient,
    now: Date,
    out: Consequences,
    correlationId?: string,
  ): void {
    const route = routeSms(recipient);
    const log = (fn: () => void) => later(out, correlationId, fn);
    switch (route.kind) {
      case 'HOLD':
        row.status = 'HELD';
        log(() =>
          this.logger.info({ messageId: row.id, personId: row.personId }, 'SMS held until the person is known'),
        );
        break;
      case 'UNDELIVERABLE':
        row.status = 'UNDELIVERABLE';
        row.error = route.reason.en;
        log(() =>
          this.logger.warn(
            { messageId: row.id, personId: row.personId },
            'SMS undeliverable: the person has no mobile number',
          ),
        );
        out.events.push(failedEvent(row, 0, now, correlationId));
        break;
      case 'REFUSE':
        row.status = 'FAILED';
        row.error = maskSensitive(`not a mainland mobile number: ${route.reason.en}`);
        log(() =>
          this.logger.error(
            { messageId: row.id, personId: row.personId, error: row.error },
            'SMS parked before sending: the number on record is not a mainland mobile number',
          ),
        );
        out.events.push(failedEvent(row, 0, now, correlationId));
        break;
      case 'QUEUE':
        row.status = 'QUEUED';
        row.mobile = route.mobile;
        out.queued.push(row);
        break;
    }
  }

  /**
   * Writes what stored messages lead to, after them: their events (one outbox INSERT), the SMS queue rows (one
   * upsert: a staff retry queues again a message that has a row), then the log lines. The sender is not woken here:
   * the rows are not committed yet, and a sender woken now would find nothing. The transaction is remembered
   * (`queuedIn`), and the consumer's after-commit hook wakes the sender (service.ts).
   */
  private async settle(manager: EntityManager, out: Consequences, now: Date): Promise<void> {
    await this.outbox.appendMany(manager, out.events);
    await this.queue(manager, out.queued, now);
    for (const log of out.logs) log();
  }

  /** Whether SMS were queued in the transaction of `manager` (to wake the sender once it has committed). */
  queuedIn(manager: EntityManager): boolean {
    return this.queued.has(manager);
  }

  /** Hands SMS to the sender: a sms_delivery row each, due now or at the end of quiet hours. */
  private async queue(manager: EntityManager, messages: readonly MessageEntity[], now: Date): Promise<void> {
    if (messages.length === 0) return;
    this.queued.add(manager);
    const rows = messages.map((m) => ({
      message_id: m.id,
      mobile: m.mobile!,
      text: m.body,
      urgent: m.urgent,
      not_before: sendableAt(now, this.settings.quietHours, m.urgent).toISOString(),
    }));
    await manager.query(
      `INSERT INTO sms_delivery (message_id, mobile, text, urgent, status, attempts, not_before, last_error,
                                 created_at, updated_at)
       SELECT r.message_id, r.mobile, r.text, r.urgent, 'QUEUED', 0, r.not_before, NULL, $2, $2
         FROM jsonb_to_recordset($1::jsonb)
              AS r(message_id uuid, mobile text, text text, urgent boolean, not_before timestamptz)
       ON CONFLICT (message_id) DO UPDATE
          SET mobile = EXCLUDED.mobile, text = EXCLUDED.text, urgent = EXCLUDED.urgent, status = EXCLUDED.status,
              attempts = EXCLUDED.attempts, not_before = EXCLUDED.not_before, last_error = EXCLUDED.last_error,
              created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows), now],
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
    await this.rememberRecipients(manager, [{ personId, name, mobile }]);
  }

  /**
   * `rememberRecipient` for several persons, each once (a run of person-registered), in their order: the same rows and
   * events, in two statements whatever their number (and, only when some SMS were held for them, those released).
   */
  async rememberRecipients(manager: EntityManager, people: readonly Reachable[]): Promise<void> {
    if (people.length === 0) return;
    const order = new Map(people.map((p, i) => [p.personId, i]));
    if (order.size < people.length) throw new Error('rememberRecipients: a person more than once');
    // The persons' recipient locks (see lockRecipients: sorted, in one go) and the upsert in one statement; the rows
    // come out of a sub-select that needs the locks first (run once, before any row: an InitPlan).
    await manager.query(
      `WITH locked AS MATERIALIZED (${LOCK_RECIPIENTS})
       INSERT INTO recipient (person_id, name, mobile, updated_at)
       SELECT r.person_id, r.name, r.mobile, now()
         FROM jsonb_to_recordset($2::jsonb) AS r(person_id uuid, name text, mobile text)
        WHERE (SELECT count(*) FROM locked) >= 0
       ON CONFLICT (person_id) DO UPDATE SET name = EXCLUDED.name, mobile = EXCLUDED.mobile, updated_at = EXCLUDED.updated_at`,
      [
        [...order.keys()].sort(),
        JSON.stringify(people.map((p) => ({ person_id: p.personId, name: p.name, mobile: p.mobile }))),
      ],
    );
    // read in a statement of its own, started once the locks are held: a snapshot taken before them (the upsert's)
    // could miss an SMS held by a transaction that held a lock meanwhile
    const held = await manager.find(MessageEntity, {
      where: { personId: In([...order.keys()]), channel: 'SMS', status: 'HELD' },
      order: { seq: 'ASC' },
    });
    if (held.length === 0) return;
    // person by person in the run's order, each person's in their order, as one person at a time would
    held.sort((x, y) => order.get(x.personId!)! - order.get(y.personId!)!);
    const now = this.clock.now();
    const out = consequences();
    for (const m of held) this.routeSms(m, { mobile: people[order.get(m.personId!)!]!.mobile }, now, out);
    await manager.save(held);
    await this.settle(manager, out, now);
    for (const p of people) {
      const n = held.filter((m) => m.personId === p.personId).length;
      if (n > 0 && out.queued.some((m) => m.personId === p.personId))
        this.logger.info({ personId: p.personId, messages: n }, 'held SMS released');
    }
  }

  /** What is known of the persons' reach (null: not yet), read under their recipient locks (see lockRecipients). */
  private async recipientsOf(
    manager: EntityManager,
    personIds: readonly string[],
  ): Promise<Map<string, KnownRecipient>> {
    const ids = await this.lockRecipients(manager, personIds);
    if (ids.length === 0) return new Map();
    const rows: Array<{ person_id: string; mobile: string | null }> = await manager.query(
      'SELECT person_id, mobile FROM recipient WHERE person_id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.person_id, { mobile: r.mobile }]));
  }

  /**
   * Serialises, per person, holding an SMS and releasing held ones. Two service instances may take a person's
   * suspension and registration at the same time (different topics, different group members): without the lock the
   * suspension could miss the recipient being written and hold its SMS after the release has run, for ever.
   * Transaction-scoped: it goes with the commit. Taken in one statement, in the persons' sorted order (unnest yields
   * the array's order), so two transactions that lock some of the same persons wait for each other rather than
   * deadlock. Returns the persons, sorted and once each.
   */
  private async lockRecipients(manager: EntityManager, personIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(personIds)].sort();
    if (ids.length === 0) return ids;
    await manager.query(LOCK_RECIPIENTS, [ids]);
    return ids;
  }

  /**
   * Staff retry a parked message (FAILED or UNDELIVERABLE) of their scope: rendered again from its template if that
   * had failed, an SMS queued again (to `mobile` when staff give a corrected number) with a fresh count of tries.
   */
  async retry(messageId: string, reader: Identity, mobile?: string | null): Promise<DeliveryView> {
    const scope = staffScope(reader, null);
    const retried = await this.runtime.command(async (manager) => {
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
        await this.emitSent(manager, [saved], now);
        return { message: saved, delivery: null, seq: saved.seq };
      }
      const known = m.personId ? ((await this.recipientsOf(manager, [m.personId])).get(m.personId) ?? null) : null;
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
      await this.queue(manager, [saved], now);
      this.logger.info({ messageId, by: reader.subject }, 'parked message retried by staff');
      // as it stands at the retry (the sender may take it the moment this commits)
      const delivery = await manager.findOneByOrFail(SmsDeliveryEntity, { messageId: saved.id });
      return { message: saved, delivery, seq: saved.seq };
    });
    // committed: the sender finds the row queued again
    if (retried.delivery) this.sender.kick();
    return retried;
  }

  /** notification-sent of each message (an SMS the gateway accepted; a parked message staff retried), in order. */
  async emitSent(manager: EntityManager, messages: readonly SentMessage[], at: Date): Promise<void> {
    await this.outbox.appendMany(
      manager,
      messages.map((m) => sentEvent(m, at)),
    );
  }

  async emitFailed(manager: EntityManager, m: MessageEntity, attempts: number, at: Date): Promise<void> {
    await this.outbox.appendMany(manager, [failedEvent(m, attempts, at)]);
  }
}

/** How to reach a person, from their person-registered. */
export interface Reachable {
  personId: string;
  name: string;
  mobile: string | null;
}

/** One event's messages, for deliverMany. */
export interface Delivery {
  cause: CloudEvent;
  planned: PlannedMessage[];
}

/** What storing messages leads to, written after them (settle): their events, the SMS queue rows, the log lines. */
interface Consequences {
  events: OutboxEvent[];
  queued: MessageEntity[];
  logs: Array<() => void>;
}

function consequences(): Consequences {
  return { events: [], queued: [], logs: [] };
}

/** A log line written once the rows are (with the causing event's correlation id, when not the current one). */
function later(out: Consequences, correlationId: string | undefined, log: () => void): void {
  out.logs.push(correlationId ? () => withCorrelation(correlationId, log) : log);
}

/** What `notification-sent` says of a message. */
export type SentMessage = Pick<MessageEntity, 'id' | 'personId' | 'channel' | 'rule' | 'causedByEventId'>;

/** `notification-sent` of a message; keyed by its person. `correlationId`: the causing event's, when not current. */
function sentEvent(m: SentMessage, at: Date, correlationId?: string): OutboxEvent<'notification-sent'> {
  return {
    name: 'notification-sent',
    subject: m.personId ?? m.id,
    correlationId,
    data: {
      messageId: m.id,
      personId: m.personId,
      channel: m.channel,
      rule: m.rule,
      causedBy: m.causedByEventId,
      sentAt: at.toISOString(),
    },
  };
}

function failedEvent(
  m: MessageEntity,
  attempts: number,
  at: Date,
  correlationId?: string,
): OutboxEvent<'notification-failed'> {
  return {
    name: 'notification-failed',
    subject: m.personId ?? m.id,
    correlationId,
    data: {
      messageId: m.id,
      personId: m.personId,
      channel: m.channel,
      rule: m.rule,
      causedBy: m.causedByEventId,
      attempts,
      error: m.error ?? 'unknown',
      failedAt: at.toISOString(),
    },
  };
}

/**
 * A planned message as a row to insert, not yet rendered (status FAILED until it is): its id is made here rather
 * than by the database, so that its events and queue row can name it before the one INSERT of all messages.
 */
function draft(cause: CloudEvent, p: PlannedMessage, now: Date): MessageEntity {
  return Object.assign(new MessageEntity(), {
    id: randomUUID(),
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
    readAt: null,
  } satisfies Omit<MessageEntity, 'seq'>);
}

/** Inserts new messages in one statement, in order (their seq follows it); sets each one's seq. */
async function insertMessages(manager: EntityManager, rows: MessageEntity[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((m, n) => ({
    n,
    id: m.id,
    person_id: m.personId,
    channel: m.channel,
    rule: m.rule,
    template: m.template,
    title: m.title,
    body: m.body,
    title_en: m.titleEn,
    body_en: m.bodyEn,
    variables: m.variables,
    district: m.district,
    urgent: m.urgent,
    caused_by_event_id: m.causedByEventId,
    caused_by_event_type: m.causedByEventType,
    status: m.status,
    error: m.error,
    mobile: m.mobile,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
  }));
  // One JSON document for all rows (as OutboxWriter.appendMany): parsed once by PostgreSQL.
  const inserted: Array<{ id: string; seq: string }> = await manager.query(
    `INSERT INTO message (id, person_id, channel, rule, template, title, body, title_en, body_en, variables, district,
                          urgent, caused_by_event_id, caused_by_event_type, status, error, mobile, created_at, sent_at)
     SELECT r.id, r.person_id, r.channel, r.rule, r.template, r.title, r.body, r.title_en, r.body_en, r.variables,
            r.district, r.urgent, r.caused_by_event_id, r.caused_by_event_type, r.status, r.error, r.mobile,
            r.created_at, r.sent_at
       FROM jsonb_to_recordset($1::jsonb)
            AS r(n int, id uuid, person_id uuid, channel text, rule text, template text, title text, body text,
                 title_en text, body_en text, variables jsonb, district text, urgent boolean, caused_by_event_id uuid,
                 caused_by_event_type text, status text, error text, mobile text, created_at timestamptz,
                 sent_at timestamptz)
      ORDER BY r.n
     RETURNING id, seq`,
    [JSON.stringify(json)],
  );
  const seqs = new Map(inserted.map((r) => [r.id, r.seq]));
  for (const m of rows) m.seq = seqs.get(m.id)!;
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
