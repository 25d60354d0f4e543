import { randomUUID } from 'node:crypto';
import { KafkaPublisher, SettableClock, buildEnvelope, type EventData, type Identity } from '@yibao/shared';
import { CITY_STAFF, INTEGRATOR, SubgraphHarness, eventually, testKafka } from '@yibao/test-kit';
import type { TransferApp } from '../../src/app';
import type { TransferContext } from '../../src/context';
import { transfer } from '../../src/service';

export type { GraphQLResult } from '@yibao/test-kit';

export const CITY: Identity = CITY_STAFF;
export const NANKAI_CLERK: Identity = { subject: 'clerk-nankai', role: 'DISTRICT_STAFF', district: '120104' };
export const HEPING_CLERK: Identity = { subject: 'clerk-heping', role: 'DISTRICT_STAFF', district: '120101' };
/** The national platform, as the test kit grants it (its token names the operations it may call). */
export const PLATFORM: Identity = INTEGRATOR;
export const NANKAI = '120104';
export const SHIJIAZHUANG = '130102';
export const EMPLOYER = '91120104MA05000000';

type RelationSnapshot = EventData<'relation-registered'>['relation'];

/**
 * The transfer subgraph started for real on its test database and Kafka (the kit's SubgraphHarness), without
 * enrollment: the persons and relations it knows arrive as enrollment's events on the real topics, which is how it
 * keeps working while enrollment is down.
 */
export class TransferHarness extends SubgraphHarness<TransferApp, TransferContext> {
  private publisher!: KafkaPublisher;
  private scanSetting: string | undefined;

  constructor(readonly clock = new SettableClock('2026-06-15')) {
    super(transfer, { clock });
  }

  override async start(): Promise<this> {
    // the tests run the scan with dates of their own; the setting is put back on stop (suites share the process)
    this.scanSetting = process.env.TRANSFER_ALERT_SCAN_MS;
    process.env.TRANSFER_ALERT_SCAN_MS = '0';
    await super.start();
    this.publisher = new KafkaPublisher(testKafka());
    return this;
  }

  override async stop(): Promise<void> {
    await this.publisher?.disconnect();
    await super.stop();
    if (this.scanSetting === undefined) delete process.env.TRANSFER_ALERT_SCAN_MS;
    else process.env.TRANSFER_ALERT_SCAN_MS = this.scanSetting;
  }

  /** Outbox events written for a person, oldest first, of one topic or all. */
  override async eventsOf(
    personId: string,
    topic?: string,
  ): Promise<Array<{ topic: string; data: Record<string, unknown> }>> {
    const all = await super.eventsOf(personId);
    return topic ? all.filter((e) => e.topic === topic) : all;
  }

  /** What a test leaves for "nothing written": transfers, rights-record rows and outbox events of a person. */
  async footprint(personId: string): Promise<{ transfers: number; steps: number; events: number }> {
    return {
      transfers: await this.count('transfer', 'person_id = $1', [personId]),
      steps: await this.count('transfer_step', 'person_id = $1', [personId]),
      events: await this.count(
        'outbox',
        "message_key = $1 AND topic IN ('transfer-status-changed', 'account-transferred', 'transfer-deadline-alert')",
        [personId],
      ),
    };
  }

  /** Publishes an enrollment event on its real topic, as enrollment's relay would. */
  async publish<
    N extends
      'person-registered' | 'relation-registered' | 'relation-suspended' | 'relation-terminated' | 'relation-resumed',
  >(name: N, personId: string, data: EventData<N>, opts: { id?: string; time?: Date } = {}): Promise<string> {
    const envelope = buildEnvelope({
      id: opts.id,
      time: opts.time,
      name,
      version: 1,
      service: 'enrollment',
      subject: personId,
      data,
    });
    await this.publisher.publish([{ topic: name, key: personId, value: JSON.stringify(envelope) }]);
    return envelope.id;
  }

  /**
   * A person known to enrollment, with the given relations, published as enrollment's events; waits until the
   * projection holds them all in their final status.
   */
  async person(
    relations: Array<Partial<RelationSnapshot>> = [],
    name = '张三',
  ): Promise<{ personId: string; relationIds: string[] }> {
    const personId = randomUUID();
    await this.publish('person-registered', personId, {
      personId,
      idType: 'RESIDENT_ID',
      idNumber: '11010519491231002X',
      name,
      gender: 'MALE',
      birthDate: '1949-12-31',
      mobile: '13800138000',
      householdRegion: NANKAI,
      registeredAt: this.clock.now().toISOString(),
    });
    const relationIds: string[] = [];
    const seeded: string[] = [];
    for (const over of relations) {
      const r = relation(personId, over);
      relationIds.push(r.relationId);
      seeded.push(`${r.relationId}:${r.status}`);
      await this.relationEvent(r);
    }
    await eventually(
      async () =>
        (await this.count('projected_person', 'person_id = $1', [personId])) === 1 &&
        // in its final status: a suspended relation comes as relation-registered, then relation-suspended (two
        // topics, applied in either order of time)
        (await this.count('projected_relation', `person_id = $1 AND relation_id::text || ':' || status = ANY($2)`, [
          personId,
          seeded,
        ])) === relations.length,
      20000,
      'projection of the seeded person',
    );
    return { personId, relationIds };
  }

  /** Publishes the event a relation in this status comes from (registered, then suspended or terminated). */
  async relationEvent(r: RelationSnapshot, time = new Date()): Promise<void> {
    const active = { ...r, status: 'ACTIVE' as const, endDate: null };
    await this.publish(
      'relation-registered',
      r.personId,
      { relation: active, actor: CITY, registeredAt: time.toISOString() },
      { time: new Date(time.getTime() - 1000) },
    );
    if (r.status === 'ACTIVE') return;
    const change = {
      relation: r,
      previousStatus: 'ACTIVE' as const,
      cause: r.status === 'SUSPENDED' ? 'E15' : 'TERMINATION',
      reason: { zh: '测试', en: 'test' },
      effectiveDate: r.endDate ?? '2026-05-31',
      actor: CITY,
      changedAt: time.toISOString(),
    };
    if (r.status === 'SUSPENDED')
      await this.publish('relation-suspended', r.personId, { ...change, coveredUntil: null }, { time });
    else await this.publish('relation-terminated', r.personId, change, { time });
  }

  /** Waits until the projection shows a relation in a status. */
  async projected(relationId: string, status: string): Promise<void> {
    await eventually(
      async () =>
        (await this.count('projected_relation', 'relation_id = $1 AND status = $2', [relationId, status])) === 1,
      20000,
      `relation ${relationId} ${status} in the projection`,
    );
  }
}

export function relation(personId: string, over: Partial<RelationSnapshot> = {}): RelationSnapshot {
  return {
    relationId: randomUUID(),
    personId,
    scheme: 'EMPLOYEE',
    employeeCategory: 'EMPLOYER_STAFF',
    residentCategory: null,
    schoolLevel: null,
    retired: false,
    regionCode: NANKAI,
    unitCode: EMPLOYER,
    unitName: '天津某科技有限公司',
    periodYear: 2026,
    startDate: '2026-03-01',
    endDate: null,
    status: 'ACTIVE',
    ...over,
  };
}

/** An employee's relation in Tianjin (Nankai), active. */
export const tianjinStaff = (over: Partial<RelationSnapshot> = {}): Partial<RelationSnapshot> => ({ ...over });
export const tianjinResident = (over: Partial<RelationSnapshot> = {}): Partial<RelationSnapshot> => ({
  scheme: 'RESIDENT',
  employeeCategory: null,
  residentCategory: 'HOUSEHOLD',
  unitCode: 'HH120104001',
  unitName: '南开区家庭虚拟户',
  startDate: '2026-01-01',
  ...over,
});

export const APPLY = `mutation ($input: TransferApplicationInput!) {
  applyForTransfer(input: $input) {
    id direction mode kind status handlingDistrict acceptedOn sourceRecordKept
    applicant { kind personId unitCode }
    openStep { step owner rule dueOn overdue workingDaysLeft }
  }
}`;

export function inboundInput(personId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personId,
    sourceRegion: SHIJIAZHUANG,
    destinationRegion: NANKAI,
    mode: 'POSTAL',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    channel: 'AGENCY_COUNTER',
    applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER },
    otherRegion: { status: 'TERMINATED', periodYear: 2026 },
    ...over,
  };
}

export function outboundInput(personId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personId,
    sourceRegion: NANKAI,
    destinationRegion: SHIJIAZHUANG,
    mode: 'ONLINE',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    channel: 'NATIONAL_PLATFORM',
    applicant: { kind: 'PERSON' },
    otherRegion: { status: 'ACTIVE', periodYear: 2026 },
    ...over,
  };
}

export function sheetInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sheetNo: 'HB-2026-0001',
    issuedOn: '2026-06-10',
    periods: [
      {
        from: '2019-07-01',
        to: '2026-02-28',
        scheme: 'EMPLOYEE',
        regionCode: SHIJIAZHUANG,
        unitName: '石家庄某公司',
        months: 80,
      },
    ],
    actualMonths: 80,
    deemedMonths: 0,
    accountBalanceFen: 123456,
    ...over,
  };
}
