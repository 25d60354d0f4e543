import { randomUUID } from 'node:crypto';
import { KafkaPublisher, buildEnvelope, type EventData, type RunningService } from '@yibao/shared';
import type { NotificationApp } from '../../src/app';
import { notification } from '../../src/service';
import { testServiceConfig } from '../../../../test/support/env';
import { eventually, testKafka } from '../../../../test/support/kafka';

let service: RunningService<NotificationApp>;
let publisher: KafkaPublisher;
const staff = { subject: 'clerk', role: 'CITY_STAFF' as const };

beforeAll(async () => {
  service = await notification.start(testServiceConfig('notification'));
  publisher = new KafkaPublisher(testKafka());
});

afterAll(async () => {
  await publisher?.disconnect();
  await service?.stop();
});

async function publish<N extends 'person-registered' | 'relation-suspended' | 'relation-registered'>(
  name: N,
  personId: string,
  data: EventData<N>,
  id = randomUUID(),
) {
  const envelope = buildEnvelope({ id, name, version: 1, service: 'enrollment', subject: personId, data });
  await publisher.publish([{ topic: name, key: personId, value: JSON.stringify(envelope) }]);
  return envelope;
}

function relation(personId: string) {
  return {
    relationId: randomUUID(),
    personId,
    scheme: 'RESIDENT' as const,
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD' as const,
    schoolLevel: null,
    retired: false,
    regionCode: '120104',
    unitCode: 'HH120104001',
    unitName: '南开区家庭虚拟户',
    periodYear: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'SUSPENDED' as const,
  };
}

const messagesOf = (personId: string) => service.app.messages.forPerson(personId, staff);

describe('notification from enrollment events (real Kafka and PostgreSQL)', () => {
  it('N3: a year-end batch suspension reaches the person in the app and by SMS, once, whatever the redeliveries', async () => {
    const personId = randomUUID();
    await publish('person-registered', personId, {
      personId,
      idType: 'RESIDENT_ID',
      idNumber: '11010519491231002X',
      name: '张三',
      gender: 'FEMALE',
      birthDate: '1949-12-31',
      mobile: '13812345678',
      householdRegion: '120104',
      registeredAt: new Date().toISOString(),
    });
    await eventually(async () => (await messagesOf(personId)).length === 1, 20000, 'welcome message');

    const suspension = {
      relation: relation(personId),
      previousStatus: 'ACTIVE' as const,
      cause: 'E13',
      reason: { zh: '未在集中参保缴费期缴纳下一年度费用', en: 'next year not paid in the centralised period' },
      effectiveDate: '2026-12-31',
      coveredUntil: null,
      actor: { subject: 'year-end', role: 'SYSTEM' },
      changedAt: new Date().toISOString(),
    };
    const eventId = randomUUID();
    await publish('relation-suspended', personId, suspension, eventId);
    await publish('relation-suspended', personId, suspension, eventId); // redelivered
    const messages = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.length >= 3 ? all : undefined;
      },
      20000,
      'N3 messages',
    );
    await new Promise((r) => setTimeout(r, 500)); // give a duplicate the chance to show up
    const after = await messagesOf(personId);
    expect(after).toHaveLength(3);
    expect(messages.map((m) => [m.channel, m.rule])).toEqual([
      ['IN_APP', 'N2'],
      ['IN_APP', 'N3'],
      ['SMS', 'N3'],
    ]);
  });

  it('N2: a relation registration gets an in-app message the person can query', async () => {
    const personId = randomUUID();
    await publish('relation-registered', personId, {
      relation: { ...relation(personId), status: 'ACTIVE', endDate: null },
      actor: { subject: 'clerk', role: 'CITY_STAFF' },
      registeredAt: new Date().toISOString(),
      warnings: [],
    });
    const [m] = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.length > 0 ? all : undefined;
      },
      20000,
      'N2 message',
    );
    expect(m).toMatchObject({ channel: 'IN_APP', rule: 'N2', title: '参保登记成功' });
  });
});
