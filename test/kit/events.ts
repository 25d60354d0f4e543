import { randomUUID } from 'node:crypto';
import {
  KafkaPublisher,
  buildEnvelope,
  type CloudEvent,
  type EventData,
  type EventName,
  type IncomingMessage,
} from '@yibao/shared';
import { testKafka } from './kafka';

/** Event fixtures: valid payloads of the contracts in shared/src/events/contracts.ts, with the given fields changed. */

export function consentSigned(
  personId: string,
  over: Partial<EventData<'consent-signed'>> = {},
): EventData<'consent-signed'> {
  return {
    consentId: randomUUID(),
    personId,
    originalUnitCode: null,
    originalUnitName: null,
    newUnitCode: null,
    newUnitName: null,
    channel: 'ONLINE',
    signedAt: new Date().toISOString(),
    ...over,
  };
}

export function personRegistered(
  personId: string,
  over: Partial<EventData<'person-registered'>> = {},
): EventData<'person-registered'> {
  return {
    personId,
    idType: 'RESIDENT_ID',
    idNumber: '11010519491231002X',
    name: '张三',
    gender: 'FEMALE',
    birthDate: '1949-12-31',
    mobile: '13812345678',
    householdRegion: '120104',
    registeredAt: new Date().toISOString(),
    ...over,
  };
}

type RelationSnapshot = EventData<'relation-registered'>['relation'];

/** A 2026 household resident relation in Nankai (120104), suspended unless told otherwise. */
export function relationSnapshot(personId: string, over: Partial<RelationSnapshot> = {}): RelationSnapshot {
  return {
    relationId: randomUUID(),
    personId,
    scheme: 'RESIDENT',
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD',
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    periodYear: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'SUSPENDED',
    ...over,
  };
}

export interface EnvelopeOptions {
  id?: string;
  /** The producing service (the envelope's source). */
  service?: string;
  /** The Kafka message key; the person (the subject) unless told. */
  key?: string;
}

export function envelope<N extends EventName>(
  name: N,
  personId: string,
  data: EventData<N>,
  options: EnvelopeOptions = {},
): CloudEvent<EventData<N>> {
  return buildEnvelope({
    id: options.id ?? randomUUID(),
    name,
    version: 1,
    service: options.service ?? 'enrollment',
    subject: personId,
    data,
  });
}

/** The event as a consumer receives it from Kafka (partition 0, offset 0), for calling a consumer directly. */
export function incomingMessage<N extends EventName>(
  name: N,
  personId: string,
  data: EventData<N>,
  options: EnvelopeOptions = {},
): IncomingMessage {
  return {
    topic: name,
    partition: 0,
    offset: '0',
    key: options.key ?? personId,
    value: JSON.stringify(envelope(name, personId, data, options)),
    headers: {},
  };
}

/** Publishes events to the real Kafka as a producing service would (topic = event name, key = person). */
export class TestPublisher {
  readonly kafka: KafkaPublisher;

  constructor(brokers?: string) {
    this.kafka = new KafkaPublisher(testKafka(brokers));
  }

  async publish<N extends EventName>(
    name: N,
    personId: string,
    data: EventData<N>,
    options: EnvelopeOptions = {},
  ): Promise<CloudEvent<EventData<N>>> {
    const e = envelope(name, personId, data, options);
    await this.kafka.publish([{ topic: name, key: options.key ?? personId, value: JSON.stringify(e) }]);
    return e;
  }

  disconnect(): Promise<void> {
    return this.kafka.disconnect();
  }
}
