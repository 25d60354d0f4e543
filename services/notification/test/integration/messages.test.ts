import { randomUUID } from 'node:crypto';
import { buildEnvelope, type EventData } from '@yibao/shared';
import {
  CITY_STAFF,
  SubgraphHarness,
  TestPublisher,
  eventually,
  personRegistered,
  relationSnapshot,
} from '@yibao/test-kit';
import { relationSuspendedMessages } from '../../src/domain/messages';
import { notification } from '../../src/service';

const h = new SubgraphHarness(notification);
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

/** The person's SMS rows as stored, whatever their status (the graph lists only those sent). */
const smsOf = (personId: string): Promise<Array<{ status: string; mobile: string | null; sent: boolean }>> =>
  h.service.runtime.dataSource.query(
    `SELECT status, mobile, sent_at IS NOT NULL AS sent FROM message WHERE person_id = $1 AND channel = 'SMS'`,
    [personId],
  );

const registration = (personId: string, mobile: string | null) => personRegistered(personId, { mobile });

/** E13 at year end: a batch suspension, which N3 says must reach the person, also by SMS. */
function batchSuspension(personId: string): EventData<'relation-suspended'> {
  return {
    relation: relationSnapshot(personId),
    previousStatus: 'ACTIVE',
    cause: 'E13',
    reason: { zh: '未在集中参保缴费期缴纳下一年度费用', en: 'next year not paid in the centralised period' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor: { subject: 'year-end', role: 'SYSTEM' },
    changedAt: new Date().toISOString(),
  };
}

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
    // the usual order: the number is known when the suspension arrives, so the SMS goes at once
    expect(await smsOf(personId)).toEqual([{ status: 'SENT', mobile: '13812345678', sent: true }]);
  });

  it('N3: a batch suspension that arrives before its person-registered still reaches the person by SMS', async () => {
    const personId = randomUUID();
    await publisher.publish('relation-suspended', personId, batchSuspension(personId));
    // stored in the same transaction as the in-app N3 message: held, as the person is not known yet
    const held = await eventually(
      async () => {
        const sms = await smsOf(personId);
        return sms.length > 0 ? sms : undefined;
      },
      20000,
      'held SMS',
    );
    expect(held).toEqual([{ status: 'HELD', mobile: null, sent: false }]);
    expect((await messagesOf(personId)).map((m) => [m.channel, m.rule])).toEqual([['IN_APP', 'N3']]);

    await publisher.publish('person-registered', personId, registration(personId, '13812345678'));
    await eventually(async () => (await smsOf(personId))[0]?.status === 'SENT', 20000, 'SMS released');
    expect(await smsOf(personId)).toEqual([{ status: 'SENT', mobile: '13812345678', sent: true }]);
    const messages = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.length === 3 ? all : undefined;
      },
      20000,
      'N3 in-app, N3 SMS and the N2 welcome',
    );
    expect(messages.map((m) => `${m.channel} ${m.rule}`).sort()).toEqual(['IN_APP N2', 'IN_APP N3', 'SMS N3']);
    expect(messages.find((m) => m.channel === 'SMS')!.body).toMatch(/^【天津医保】/);
  });

  it('N3: the held SMS of a person registered without a mobile number is marked undeliverable, not dropped', async () => {
    const personId = randomUUID();
    await publisher.publish('relation-suspended', personId, batchSuspension(personId));
    await eventually(async () => (await smsOf(personId))[0]?.status === 'HELD', 20000, 'held SMS');
    await publisher.publish('person-registered', personId, registration(personId, null));
    await eventually(async () => (await smsOf(personId))[0]?.status === 'UNDELIVERABLE', 20000, 'SMS undeliverable');
    expect(await smsOf(personId)).toEqual([{ status: 'UNDELIVERABLE', mobile: null, sent: false }]);
    // what reached the person: the in-app messages, not an SMS that never went out
    const messages = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.length === 2 ? all : undefined;
      },
      20000,
      'in-app messages',
    );
    expect(messages.map((m) => `${m.channel} ${m.rule}`).sort()).toEqual(['IN_APP N2', 'IN_APP N3']);
  });

  it('N3: a suspension and its registration handled at the same moment by two instances still send the SMS', async () => {
    // Driven through the service in two transactions, as two group members would run them, to force the interleaving.
    const ds = h.service.runtime.dataSource;
    const personId = randomUUID();
    const data = batchSuspension(personId);
    const cause = buildEnvelope({
      name: 'relation-suspended',
      version: 1,
      service: 'enrollment',
      subject: personId,
      data,
    });
    let commit: () => void = () => undefined;
    let held = false;
    const suspension = ds.transaction(async (m) => {
      await h.app.messages.deliver(m, personId, relationSuspendedMessages(data), cause);
      held = true;
      await new Promise<void>((r) => (commit = r)); // the SMS is stored HELD, not committed yet
    });
    await eventually(async () => held, 20000, 'suspension stored, uncommitted');
    const registration = ds.transaction((m) => h.app.messages.rememberRecipient(m, personId, '张三', '13812345678'));
    // the registration waits for the suspension's transaction (per-person lock) instead of missing its SMS
    const waiting = `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                      WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`;
    await eventually(async () => (await ds.query(waiting)).length > 0, 20000, 'registration waiting on the person');
    commit();
    await Promise.all([suspension, registration]);
    expect(await smsOf(personId)).toEqual([{ status: 'SENT', mobile: '13812345678', sent: true }]);
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
