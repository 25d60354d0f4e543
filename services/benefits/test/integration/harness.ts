import { randomUUID } from 'node:crypto';
import { SettableClock, type CloudEvent, type EventData, type EventName } from '@yibao/shared';
import { SubgraphHarness, TestPublisher, envelope, eventually, relationSnapshot } from '@yibao/test-kit';
import type { BenefitsApp } from '../../src/app';
import type { BenefitsContext } from '../../src/context';
import { benefits } from '../../src/service';

/** The benefits subgraph on a clock the test moves, fed through the real Kafka as enrollment and transfer would. */
export class BenefitsHarness extends SubgraphHarness<BenefitsApp, BenefitsContext> {
  readonly publisher = new TestPublisher();

  constructor(readonly clock = new SettableClock('2026-07-01')) {
    super(benefits, { clock });
  }

  override async stop(): Promise<void> {
    await this.publisher.disconnect();
    await super.stop();
  }

  /** Publishes an event to its topic (as its producer would) and waits until the consumer's inbox has it. */
  async deliver<N extends EventName>(name: N, personId: string, data: EventData<N>): Promise<CloudEvent<EventData<N>>> {
    const service = name.startsWith('transfer') || name === 'account-transferred' ? 'transfer' : 'enrollment';
    const e = envelope(name, personId, data, { service });
    await this.redeliver(e, personId);
    return e;
  }

  /** Publishes this exact envelope (again) and waits until its inbox row is there. */
  async redeliver(e: CloudEvent, personId: string): Promise<void> {
    const topic = e.type.replace('cn.yibao.', '');
    await this.publisher.kafka.publish([{ topic, key: personId, value: JSON.stringify(e) }]);
    await this.applied(e.id);
  }

  applied(eventId: string): Promise<number> {
    return eventually(() => this.count('inbox', 'event_id = $1', [eventId]), 20000, `event ${eventId} in the inbox`);
  }

  /** The outbox events of a topic for a person, oldest first. */
  async published<N extends EventName>(personId: string, topic: N): Promise<Array<EventData<N>>> {
    return (await this.eventsOf(personId)).filter((e) => e.topic === topic).map((e) => e.data as EventData<N>);
  }
}

export const newId = () => randomUUID();

type Snapshot = EventData<'relation-registered'>['relation'];

/** An ACTIVE relation snapshot (a household resident of 2026 in Nankai unless told otherwise). */
export function active(personId: string, over: Partial<Snapshot> = {}): Snapshot {
  return relationSnapshot(personId, { status: 'ACTIVE', endDate: null, ...over });
}

export function registered(relation: Snapshot, registeredAt: string): EventData<'relation-registered'> {
  return {
    relation,
    actor: { subject: 'clerk-city', role: 'CITY_STAFF' },
    registeredAt: `${registeredAt}T09:00:00+08:00`,
  };
}

export function statusChange(
  relation: Snapshot,
  previousStatus: Snapshot['status'],
  cause: string,
  effectiveDate: string,
): EventData<'relation-resumed'> {
  return {
    relation,
    previousStatus,
    cause,
    reason: { zh: '测试', en: 'test' },
    effectiveDate,
    actor: { subject: 'batch', role: 'SYSTEM' },
    changedAt: `${effectiveDate}T18:00:00+08:00`,
  };
}

export function suspendedEvent(
  relation: Snapshot,
  cause: string,
  effectiveDate: string,
  coveredUntil: string | null = null,
): EventData<'relation-suspended'> {
  return {
    ...statusChange({ ...relation, status: 'SUSPENDED', endDate: effectiveDate }, 'ACTIVE', cause, effectiveDate),
    coveredUntil,
  };
}

export function contribution(
  personId: string,
  over: Partial<EventData<'contribution-recorded'>> = {},
): EventData<'contribution-recorded'> {
  return {
    contributionId: randomUUID(),
    personId,
    scheme: 'RESIDENT',
    employeeCategory: null,
    year: 2026,
    kind: 'NORMAL',
    amountFen: 40000,
    paidOn: '2026-07-01',
    ...over,
  };
}

export function person(
  personId: string,
  over: Partial<EventData<'person-registered'>> = {},
): EventData<'person-registered'> {
  return {
    personId,
    idType: 'RESIDENT_ID',
    idNumber: '11010519491231002X',
    name: '测试',
    gender: 'MALE',
    birthDate: '1980-01-01',
    mobile: null,
    householdRegion: '120104',
    registeredAt: '2026-01-01T09:00:00+08:00',
    ...over,
  };
}

export function transferFacts(personId: string, over: Partial<EventData<'transfer-status-changed'>> = {}) {
  return {
    transferId: randomUUID(),
    personId,
    direction: 'INBOUND' as const,
    mode: 'ONLINE' as const,
    fromScheme: 'EMPLOYEE' as const,
    toScheme: 'EMPLOYEE' as const,
    sourceRegion: '110105',
    destinationRegion: '120104',
    ...over,
  };
}

export function transferStatus(
  facts: ReturnType<typeof transferFacts>,
  status: EventData<'transfer-status-changed'>['status'],
): EventData<'transfer-status-changed'> {
  return {
    ...facts,
    status,
    previousStatus: null,
    dueOn: null,
    actor: { subject: 'clerk-city', role: 'CITY_STAFF' },
    changedAt: '2026-06-01T10:00:00+08:00',
  };
}
