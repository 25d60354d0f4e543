import type { EntityManager } from 'typeorm';
import { CONTRACTS, buildEnvelope, type CloudEvent, type EventData, type EventName } from '../events';
import { systemClock, type Clock } from '../clock';
import { currentCorrelationId } from '../logging';

/** One event of an `appendMany`: the same three things `write` takes. */
export interface OutboxEvent<N extends EventName = EventName> {
  name: N;
  subject: string;
  data: EventData<N>;
  /**
   * The correlation id of this event, when it is not the current one: a consumer applying many events at once writes
   * each one's consequences under the correlation id of the event that caused them.
   */
  correlationId?: string;
}

/**
 * Writes an event into the outbox inside the caller's transaction: the state change and its event commit or roll
 * back together. The payload is validated against its contract here, so a malformed event never leaves a service.
 */
export class OutboxWriter {
  /** Transactions this writer wrote to (their managers), so whoever commits one knows to wake the relay. */
  private readonly wrote = new WeakSet<EntityManager>();

  constructor(
    private readonly service: string,
    /** The envelope's `time` comes from the service's clock, like every other timestamp it writes. */
    private readonly clock: Clock = systemClock,
  ) {}

  async write<N extends EventName>(
    manager: EntityManager,
    name: N,
    subject: string,
    data: EventData<N>,
  ): Promise<CloudEvent<EventData<N>>> {
    assertTransaction(manager, name);
    const envelope = this.envelope(name, subject, data, currentCorrelationId());
    this.wrote.add(manager);
    await manager.query('INSERT INTO outbox (id, topic, message_key, envelope) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      name,
      subject,
      JSON.stringify(envelope),
    ]);
    return envelope;
  }

  /**
   * Writes many events in one INSERT, in the given order (their `seq` follows it), inside the caller's transaction.
   * Every payload is validated against its contract before anything is written: one bad event writes none.
   */
  async appendMany<N extends EventName>(
    manager: EntityManager,
    events: ReadonlyArray<OutboxEvent<N>>,
  ): Promise<Array<CloudEvent<EventData<N>>>> {
    assertTransaction(manager, [...new Set(events.map((e) => e.name))].join(', '));
    if (events.length === 0) return [];
    const correlationId = currentCorrelationId();
    const envelopes = events.map((e) => this.envelope(e.name, e.subject, e.data, e.correlationId ?? correlationId));
    // One JSON document of all envelopes: PostgreSQL parses it once (a jsonb[] literal of as many documents costs
    // two to three times as much to build and parse). The message key is the subject, as `write` stores it.
    await manager.query(
      `INSERT INTO outbox (id, topic, message_key, envelope)
       SELECT (e.envelope->>'id')::uuid, ($2::text[])[e.n::int], e.envelope->>'subject', e.envelope
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(envelope, n)
        ORDER BY e.n`,
      [JSON.stringify(envelopes), events.map((e) => e.name)],
    );
    this.wrote.add(manager);
    return envelopes;
  }

  /** Whether events were written in the transaction of `manager` (a consumer's, to kick the relay after its commit). */
  wroteIn(manager: EntityManager): boolean {
    return this.wrote.has(manager);
  }

  /** The payload validated against its contract, in its CloudEvents envelope. */
  private envelope<N extends EventName>(
    name: N,
    subject: string,
    data: EventData<N>,
    correlationId: string | undefined,
  ): CloudEvent<EventData<N>> {
    const contract = CONTRACTS[name];
    const parsed = contract.schema.parse(data) as EventData<N>;
    return buildEnvelope({
      name,
      version: contract.version,
      service: this.service,
      subject,
      data: parsed,
      correlationId,
      time: this.clock.now(),
    });
  }
}

function assertTransaction(manager: EntityManager, names: string): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`outbox write of ${names} outside a transaction: pass the transaction's EntityManager`);
  }
}
