import { randomUUID } from 'node:crypto';
import { type EventData, type ServiceConfig } from '@yibao/shared';
import {
  CITY_STAFF,
  SubgraphHarness,
  TestPublisher,
  eventually,
  personRegistered,
  relationSnapshot,
  ManualClock,
} from '@yibao/test-kit';
import { TEMPLATES } from '../../src/domain';
import { defineNotification } from '../../src/service';

const clock = new ManualClock(new Date('2026-12-31T23:30:00+08:00'));

// An operator's catalogue in which the consent text was edited to use a variable its event does not give.
const edited = TEMPLATES.map((t) =>
  t.key === 'consent-signed:IN_APP' ? { ...t, body: { ...t.body, zh: `${t.body.zh}签署人：{signer}。` } } : t,
);

const h = new SubgraphHarness(defineNotification({ templates: edited }), {
  clock,
  config: { SMS_QUIET_HOURS: '22:00-08:00', SMS_POLL_MS: '50' } as Partial<ServiceConfig>,
});
let publisher: TestPublisher;

beforeAll(async () => {
  await h.start();
  publisher = new TestPublisher();
});

afterAll(async () => {
  await publisher?.disconnect();
  await h.service?.stop();
});

function batchSuspension(personId: string, cause: string): EventData<'relation-suspended'> {
  return {
    relation: relationSnapshot(personId),
    previousStatus: 'ACTIVE',
    cause,
    reason: { zh: '批量暂停', en: 'batch suspension' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor: { subject: 'batch', role: 'SYSTEM' },
    changedAt: clock.now().toISOString(),
  };
}

const smsOf = async (personId: string) => {
  const [row] = await h.service.runtime.dataSource.query(
    `SELECT m.status, m.sent_at, d.status AS delivery, d.attempts, d.not_before
       FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
      WHERE m.person_id = $1 AND m.channel = 'SMS'`,
    [personId],
  );
  return row as
    { status: string; sent_at: Date | null; delivery: string | null; attempts: number; not_before: Date } | undefined;
};

async function known(): Promise<string> {
  const personId = randomUUID();
  await publisher.publish('person-registered', personId, personRegistered(personId));
  await eventually(async () => (await h.count('recipient', 'person_id = $1', [personId])) === 1, 20000, 'known');
  return personId;
}

describe('quiet hours (22:00–08:00 Beijing time by default) for non-urgent SMS', () => {
  it('N3: a year-end SMS at 23:30 is held until 08:00; an urgent one (E14) goes at once; at 08:00 the held one goes', async () => {
    const yearEnd = await known();
    await publisher.publish('relation-suspended', yearEnd, batchSuspension(yearEnd, 'E13'));
    const queued = await eventually(async () => {
      const r = await smsOf(yearEnd);
      return r?.delivery === 'QUEUED' ? r : undefined;
    });
    expect(queued.not_before).toEqual(new Date('2027-01-01T08:00:00+08:00'));

    // the marker: an urgent SMS queued after it is sent during quiet hours
    const newborn = await known();
    await publisher.publish('relation-suspended', newborn, batchSuspension(newborn, 'E14'));
    await eventually(async () => (await smsOf(newborn))?.status === 'SENT', 20000, 'the urgent SMS sent');
    await h.app.sender.drain();
    expect(await smsOf(yearEnd)).toMatchObject({ status: 'QUEUED', delivery: 'QUEUED', attempts: 0, sent_at: null });

    clock.instant = new Date('2027-01-01T08:00:05+08:00');
    h.app.sender.kick();
    const sent = await eventually(async () => {
      const r = await smsOf(yearEnd);
      return r?.status === 'SENT' ? r : undefined;
    });
    expect(sent).toMatchObject({ delivery: 'SENT', attempts: 1, sent_at: new Date('2027-01-01T08:00:05+08:00') });
  });
});

describe('bad input is caught before sending: the message parked, the consumer going on', () => {
  it('N2: a template using a variable its event does not give parks the message, names the variable, and goes on', async () => {
    const personId = randomUUID();
    const consent = await publisher.publish('consent-signed', personId, {
      consentId: randomUUID(),
      personId,
      originalUnitCode: null,
      originalUnitName: null,
      newUnitCode: null,
      newUnitName: null,
      channel: 'ONLINE',
      signedAt: clock.now().toISOString(),
    });
    // the next event of the same person on another topic is handled: the consumer did not stop
    await publisher.publish('person-registered', personId, personRegistered(personId));
    await eventually(async () => (await h.count('message', `person_id = $1`, [personId])) === 2, 20000, 'both events');
    const [parked] = await h.service.runtime.dataSource.query(
      `SELECT id, status, error, title, body FROM message WHERE person_id = $1 AND template = 'consent-signed:IN_APP'`,
      [personId],
    );
    expect(parked).toMatchObject({
      status: 'FAILED',
      error: 'template consent-signed:IN_APP: unknown {signer}',
      body: '',
    });
    const failed = await eventually(async () =>
      (await h.eventsOf(personId)).find((e) => e.topic === 'notification-failed'),
    );
    expect(failed.data).toMatchObject({ messageId: parked.id, channel: 'IN_APP', rule: 'N2', attempts: 0 });
    // applied (inbox row), not retried nor dead-lettered: the bad input was the message's problem, not the consumer's
    expect(await h.count('inbox', 'event_id = $1', [consent.id])).toBe(1);
    expect(await h.count('consumer_attempt', 'event_id = $1', [consent.id])).toBe(0);
    // a retry cannot help while the template is wrong: refused, and the message stays parked
    const retry = await h.gql(
      'mutation ($id: ID!) { retryDelivery(id: $id) { status } }',
      { id: parked.id },
      CITY_STAFF,
    );
    expect(retry.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(retry.errors?.[0]?.message).toMatch(/unknown \{signer\}/);
  });
});
