import { randomUUID } from 'node:crypto';
import type { EventData, ServiceConfig } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  RecordingSmsGateway,
  SubgraphHarness,
  TestPublisher,
  eventually,
  personRegistered,
} from '@yibao/test-kit';
import type { NotificationApp } from '../../src/app';
import { SmsSender } from '../../src/app/sms-sender';
import { HttpSmsProvider, type HttpSmsSettings } from '../../src/sms';
import type { NotificationContext } from '../../src/context';
import { notification } from '../../src/service';

const gateway = new RecordingSmsGateway();
let h: SubgraphHarness<NotificationApp, NotificationContext>;
let publisher: TestPublisher;
const KEY = 'test-gateway-key-0123456789abcdef';

beforeAll(async () => {
  const url = await gateway.start();
  h = new SubgraphHarness(notification, {
    config: {
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: url,
      SMS_GATEWAY_KEY: KEY,
      SMS_SIGNATURE: '天津医保',
      SMS_QUIET_HOURS: 'off',
      SMS_MAX_ATTEMPTS: '3',
      SMS_RETRY_BASE_MS: '30',
      SMS_RETRY_MAX_MS: '100',
      SMS_POLL_MS: '50',
      SMS_TIMEOUT_MS: '10000',
    } as Partial<ServiceConfig>,
  });
  await h.start();
  publisher = new TestPublisher();
});

afterAll(async () => {
  await publisher?.disconnect();
  await h?.service?.stop();
  await gateway.stop();
});

/** A fresh mainland mobile number per test, so the gateway's records tell the tests apart. */
let n = 0;
const mobile = () => `139${String(Date.now() % 10_000).padStart(4, '0')}${String(n++).padStart(4, '0')}`;

function postalStep(personId: string, status: EventData<'transfer-status-changed'>['status'] = 'CONTACT_LETTER_SENT') {
  return {
    transferId: randomUUID(),
    personId,
    direction: 'INBOUND' as const,
    mode: 'POSTAL' as const,
    fromScheme: 'EMPLOYEE' as const,
    toScheme: 'EMPLOYEE' as const,
    sourceRegion: '130100',
    destinationRegion: '120104',
    status,
    previousStatus: 'ACCEPTED' as const,
    dueOn: '2026-12-22',
    actor: { subject: 'clerk', role: 'DISTRICT_STAFF' },
    changedAt: new Date().toISOString(),
  };
}

/** A person known to the service, with their mobile number. */
async function registered(number: string | null): Promise<string> {
  const personId = randomUUID();
  await publisher.publish('person-registered', personId, personRegistered(personId, { mobile: number }));
  await eventually(async () => (await h.count('recipient', 'person_id = $1', [personId])) === 1, 20000, 'person known');
  return personId;
}

const smsRow = async (personId: string) => {
  const [row] = await h.service.runtime.dataSource.query(
    `SELECT m.id, m.status, m.error, m.rule, d.attempts, d.status AS delivery, d.provider_ref
       FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
      WHERE m.person_id = $1 AND m.channel = 'SMS'`,
    [personId],
  );
  return row as
    | {
        id: string;
        status: string;
        error: string | null;
        rule: string;
        attempts: number | null;
        delivery: string | null;
        provider_ref: string | null;
      }
    | undefined;
};

describe('N1 — postal-mode transfer steps by SMS, through the operator’s gateway (HTTP adapter)', () => {
  it('N1: a postal step is sent to the gateway with its key, signature and idempotency key', async () => {
    const number = mobile();
    const personId = await registered(number);
    await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
    await eventually(async () => gateway.to(number).length === 1, 20000, 'SMS at the gateway');
    const sms = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'SENT' ? r : undefined;
    });
    const request = gateway.requests.find((r) => r.body.phoneNumber === number)!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['idempotency-key']).toBe(sms.id);
    expect(request.body).toEqual({
      requestId: sms.id,
      phoneNumber: number,
      signName: '天津医保',
      content:
        '您的医保关系转移接续（由河北省石家庄市转入本市）《联系函》已开具并寄往转出地经办机构。下一环节应于 2026-12-22 前办结。',
    });
    expect(sms).toMatchObject({
      rule: 'N1',
      attempts: 1,
      delivery: 'SENT',
      provider_ref: expect.stringMatching(/^gw-\d+$/),
    });
    const events = await eventually(async () => {
      const e = (await h.eventsOf(personId)).filter((x) => x.data.channel === 'SMS');
      return e.length > 0 ? e : undefined;
    });
    expect(events).toEqual([
      { topic: 'notification-sent', data: expect.objectContaining({ messageId: sms.id, rule: 'N1' }) },
    ]);
  });

  it('N1: the gateway failing twice then accepting: exactly one SMS recorded at the gateway, after three tries', async () => {
    const number = mobile();
    gateway.failures.set(number, 2);
    const personId = await registered(number);
    await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
    const sms = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'SENT' ? r : undefined;
    });
    expect(gateway.requests.filter((r) => r.body.phoneNumber === number)).toHaveLength(3);
    expect(
      new Set(gateway.requests.filter((r) => r.body.phoneNumber === number).map((r) => r.headers['idempotency-key'])),
    ).toEqual(new Set([sms.id]));
    expect(gateway.to(number)).toHaveLength(1);
    expect(sms).toMatchObject({ attempts: 3, delivery: 'SENT' });
    const sent = (await h.eventsOf(personId)).filter((e) => e.data.channel === 'SMS');
    expect(sent.map((e) => e.topic)).toEqual(['notification-sent']);
  });

  it('N1: the same event delivered twice through Kafka is one message and one SMS', async () => {
    const number = mobile();
    const personId = await registered(number);
    const step = postalStep(personId);
    const id = randomUUID();
    await publisher.publish('transfer-status-changed', personId, step, { id, service: 'transfer' });
    await publisher.publish('transfer-status-changed', personId, step, { id, service: 'transfer' });
    // a marker after the redelivery on the same topic and key: once it is sent, the redelivery was consumed
    const marker = postalStep(personId, 'INFO_SHEET_RECEIVED');
    await publisher.publish('transfer-status-changed', personId, marker, { service: 'transfer' });
    await eventually(async () => gateway.to(number).length >= 2, 20000, 'the marker’s SMS');
    await h.app.sender.drain();
    // one SMS per event (a round may send the two side by side, in either order)
    expect(gateway.to(number).map((b) => b.content)).toHaveLength(2);
    expect(gateway.to(number).map((b) => b.content)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('《联系函》已开具'),
        expect.stringContaining('已收到《信息表》'),
      ]),
    );
    expect(await h.count('message', `person_id = $1 AND channel = 'SMS'`, [personId])).toBe(2);
  });

  it('N1: after the last try the SMS is parked as FAILED (notification-failed); staff see it and retry it', async () => {
    const number = mobile();
    gateway.failures.set(number, 3);
    const personId = await registered(number);
    await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
    const parked = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'FAILED' ? r : undefined;
    });
    expect(parked).toMatchObject({ attempts: 3, delivery: 'FAILED', error: expect.stringMatching(/503/) });
    expect(gateway.to(number)).toHaveLength(0);
    const failed = await eventually(async () =>
      (await h.eventsOf(personId)).find((e) => e.topic === 'notification-failed'),
    );
    expect(failed.data).toMatchObject({ messageId: parked.id, channel: 'SMS', rule: 'N1', attempts: 3 });

    const FAILED = `query ($district: String) { failedDeliveries(district: $district, first: 100) {
      nodes { id status attempts error mobile district rule person { id } } } }`;
    type Failed = {
      failedDeliveries: {
        nodes: Array<{ id: string; status: string; attempts: number; mobile: string; district: string }>;
      };
    };
    const view = await h.gql<Failed>(FAILED, {}, DISTRICT_STAFF);
    expect(view.errors).toBeUndefined();
    const row = view.data!.failedDeliveries.nodes.find((x) => x.id === parked.id)!;
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3, district: '120104' });
    expect(row.mobile).toBe(`${number.slice(0, 3)}****${number.slice(-4)}`);
    // another district's branch does not see it
    const other = await h.gql<Failed>(FAILED, {}, { ...DISTRICT_STAFF, district: '120101' });
    expect(other.data!.failedDeliveries.nodes.find((x) => x.id === parked.id)).toBeUndefined();

    const retried = await h.gql<{ retryDelivery: { status: string; attempts: number } }>(
      'mutation ($id: ID!) { retryDelivery(id: $id) { status attempts } }',
      { id: parked.id },
      CITY_STAFF,
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryDelivery).toEqual({ status: 'QUEUED', attempts: 0 });
    await eventually(async () => (await smsRow(personId))?.status === 'SENT', 20000, 'sent after the retry');
    expect(gateway.to(number)).toHaveLength(1);
    const again = await h.gql(
      'mutation ($id: ID!) { retryDelivery(id: $id) { status } }',
      { id: parked.id },
      CITY_STAFF,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('N1: a refusal no retry changes (400) is parked at once, without using up the tries', async () => {
    const number = mobile();
    gateway.refuse.add(number);
    const personId = await registered(number);
    await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
    const parked = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'FAILED' ? r : undefined;
    });
    expect(parked).toMatchObject({ attempts: 1, error: expect.stringMatching(/400.*blacklisted/) });
  });

  it('N1: a number that is not a mainland mobile is caught before sending: parked with the reason, the consumer goes on', async () => {
    const personId = await registered('022-2345 6789'); // a Tianjin landline
    await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
    const parked = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'FAILED' ? r : undefined;
    });
    expect(parked).toMatchObject({
      delivery: null,
      error: expect.stringMatching(/not a mainland mobile number.*landline/),
    });
    expect(gateway.requests.filter((r) => r.body.requestId === parked.id)).toHaveLength(0);
    const failed = await eventually(async () =>
      (await h.eventsOf(personId)).find((e) => e.topic === 'notification-failed'),
    );
    expect(failed.data).toMatchObject({ messageId: parked.id, attempts: 0 });
    // the consumer went on: the next event is handled
    const next = postalStep(personId, 'INFO_SHEET_RECEIVED');
    await publisher.publish('transfer-status-changed', personId, { ...next, mode: 'ONLINE' }, { service: 'transfer' });
    await eventually(
      async () =>
        (await h.count('message', `person_id = $1 AND status = 'SENT' AND channel = 'IN_APP'`, [personId])) === 3,
      20000,
      'the next event consumed',
    );
    // staff retry it with a corrected number
    const number = mobile();
    const r = await h.gql<{ retryDelivery: { status: string; mobile: string } }>(
      'mutation ($id: ID!, $mobile: String) { retryDelivery(id: $id, mobile: $mobile) { status mobile } }',
      { id: parked.id, mobile: number },
      CITY_STAFF,
    );
    expect(r.data!.retryDelivery.status).toBe('QUEUED');
    await eventually(async () => gateway.to(number).length === 1, 20000, 'sent to the corrected number');
    const bad = await h.gql(
      'mutation ($id: ID!, $mobile: String) { retryDelivery(id: $id, mobile: $mobile) { status } }',
      {
        id: randomUUID(),
        mobile: '12345',
      },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('N1: a slow gateway never holds up Kafka consumption', async () => {
    const number = mobile();
    const personId = await registered(number);
    let release: () => void = () => undefined;
    gateway.stall = new Promise<void>((r) => (release = r));
    try {
      await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
      await eventually(async () => gateway.requests.some((r) => r.body.phoneNumber === number), 20000, 'SMS in flight');
      expect((await smsRow(personId))?.delivery).toBe('SENDING');
      // while the gateway hangs, the consumer goes on with other events
      const other = randomUUID();
      await publisher.publish('person-registered', other, personRegistered(other));
      await eventually(
        async () => (await h.count('message', `person_id = $1 AND status = 'SENT'`, [other])) === 1,
        20000,
        'another event consumed while the gateway hangs',
      );
      expect((await smsRow(personId))?.delivery).toBe('SENDING');
    } finally {
      gateway.stall = null;
      release();
    }
    await eventually(async () => (await smsRow(personId))?.status === 'SENT', 20000, 'sent once the gateway answers');
    expect(gateway.to(number)).toHaveLength(1);
  });

  it('N1: an SMS whose sender hangs mid-send is taken by another after its lease, same idempotency key: one SMS', async () => {
    const number = mobile();
    const personId = await registered(number);
    let release: () => void = () => undefined;
    gateway.stall = new Promise<void>((r) => (release = r));
    let other: Promise<number> = Promise.resolve(0);
    try {
      await publisher.publish('transfer-status-changed', personId, postalStep(personId), { service: 'transfer' });
      await eventually(async () => gateway.requests.some((r) => r.body.phoneNumber === number), 20000, 'first try');
      // the first sender hangs (or died): its lease ends now, and the sender of another instance takes the row
      await h.service.runtime.dataSource.query(
        `UPDATE sms_delivery SET not_before = now() - interval '1 second'
          WHERE message_id = (SELECT id FROM message WHERE person_id = $1 AND channel = 'SMS')`,
        [personId],
      );
      const settings = h.app.settings;
      const second = new SmsSender(h.service.runtime, new HttpSmsProvider(settings.sms as HttpSmsSettings), settings);
      second.attach(h.app.delivery);
      other = second.runOnce();
      await eventually(
        async () => gateway.requests.filter((r) => r.body.phoneNumber === number).length === 2,
        20000,
        'second try after the lease',
      );
    } finally {
      gateway.stall = null;
      release();
    }
    expect(await other).toBe(1);
    const sms = await eventually(async () => {
      const r = await smsRow(personId);
      return r?.status === 'SENT' ? r : undefined;
    });
    const tries = gateway.requests.filter((r) => r.body.phoneNumber === number);
    expect(tries.map((r) => r.headers['idempotency-key'])).toEqual([sms.id, sms.id]);
    expect(gateway.to(number)).toHaveLength(1);
    expect(sms).toMatchObject({ attempts: 2, delivery: 'SENT' });
    // the first try's late answer changes nothing (the row is the second try's): one notification-sent
    await eventually(async () =>
      (await h.eventsOf(personId)).some((e) => e.topic === 'notification-sent' && e.data.channel === 'SMS'),
    );
    await h.app.sender.drain();
    const sent = (await h.eventsOf(personId)).filter(
      (e) => e.topic === 'notification-sent' && e.data.channel === 'SMS',
    );
    expect(sent).toHaveLength(1);
  });
});
