import { randomUUID } from 'node:crypto';
import {
  CITY_STAFF,
  SubgraphHarness,
  TestPublisher,
  eventually,
  personRegistered,
  relationSnapshot,
  testServiceConfig,
} from '@yibao/test-kit';
import { notificationService } from '../../src/service';

const h = new SubgraphHarness(() => notificationService(testServiceConfig('notification')));
let publisher: TestPublisher;

beforeAll(async () => {
  await h.start();
  publisher = new TestPublisher();
});

afterAll(async () => {
  await publisher?.disconnect();
  await h.service?.stop();
});

const messagesOf = (personId: string) => h.app.messages.forPerson(personId, CITY_STAFF);

describe('notification from enrollment events (real Kafka and PostgreSQL)', () => {
  it('N3: a year-end batch suspension reaches the person in the app and by SMS, once, whatever the redeliveries', async () => {
    const personId = randomUUID();
    await publisher.publish('person-registered', personId, personRegistered(personId));
    await eventually(async () => (await messagesOf(personId)).length === 1, 20000, 'welcome message');

    const suspension = (relationPersonId: string) => ({
      relation: relationSnapshot(relationPersonId),
      previousStatus: 'ACTIVE' as const,
      cause: 'E13',
      reason: { zh: '未在集中参保缴费期缴纳下一年度费用', en: 'next year not paid in the centralised period' },
      effectiveDate: '2026-12-31',
      coveredUntil: null,
      actor: { subject: 'year-end', role: 'SYSTEM' },
      changedAt: new Date().toISOString(),
    });
    const event = suspension(personId);
    const eventId = randomUUID();
    await publisher.publish('relation-suspended', personId, event, { id: eventId });
    await publisher.publish('relation-suspended', personId, event, { id: eventId }); // redelivered
    // A marker after the redelivery, on the same topic and key (so the same partition, consumed in order) but about
    // someone else: once the marker's message exists, the redelivery has been consumed too.
    const marker = randomUUID();
    await publisher.publish('relation-suspended', marker, suspension(marker), { key: personId });
    await eventually(async () => (await messagesOf(marker)).length > 0, 20000, 'the marker consumed');

    const messages = await messagesOf(personId);
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => [m.channel, m.rule])).toEqual([
      ['IN_APP', 'N2'],
      ['IN_APP', 'N3'],
      ['SMS', 'N3'],
    ]);
  });

  it('N2: a relation registration gets an in-app message the person can query', async () => {
    const personId = randomUUID();
    await publisher.publish('relation-registered', personId, {
      relation: relationSnapshot(personId, { status: 'ACTIVE', endDate: null }),
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
