import type { EntityManager } from 'typeorm';
import { CONTRACTS, buildEnvelope, type CloudEvent, type EventData, type EventName } from '../events';
import { systemClock, type Clock } from '../clock';
import { currentCorrelationId } from '../logging';

/**
 * Writes an event into the outbox inside the caller's transaction: the state change and its event commit or roll
 * back together. The payload is validated against its contract here, so a malformed event never leaves a service.
 */
export class OutboxWriter {
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
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox write of ${name} outside a transaction: pass the transaction's EntityManager`);
    }
    const contract = CONTRACTS[name];
    const parsed = contract.schema.parse(data) as EventData<N>;
    const envelope = buildEnvelope({
      name,
      version: contract.version,
      service: this.service,
      subject,
      data: parsed,
      correlationId: currentCorrelationId(),
      time: this.clock.now(),
    });
    await manager.query('INSERT INTO outbox (id, topic, message_key, envelope) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      name,
      subject,
      JSON.stringify(envelope),
    ]);
    return envelope;
  }
}
