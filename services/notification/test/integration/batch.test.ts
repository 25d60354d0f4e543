import { randomUUID } from 'node:crypto';
import { type EventData, type IncomingMessage, type ServiceConfig } from '@yibao/shared';
import { SubgraphHarness, eventually, incomingMessage, relationSnapshot, ManualClock } from '@yibao/test-kit';
import { notification } from '../../src/service';

// 23:30 in Beijing on the night of the year-end batch: inside the default quiet hours (22:00–08:00), so every E13
// SMS waits for 08:00 and the sender sends none while the test looks at them
const NOW = new Date('2026-12-31T23:30:00+08:00');
const clock = new ManualClock(NOW);
const h = new SubgraphHarness(notification, {
  clock,
  config: { SMS_QUIET_HOURS: '22:00-08:00' } as Partial<ServiceConfig>,
});

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await h.service?.stop();
});

function yearEnd(personId: string): EventData<'relation-suspended'> {
  return {
    relation: relationSnapshot(personId),
    previousStatus: 'ACTIVE',
    cause: 'E13',
    reason: { zh: '未在集中参保缴费期缴纳下一年度费用', en: 'next year not paid in the centralised period' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor: { subject: 'year-end', role: 'SYSTEM' },
    changedAt: NOW.toISOString(),
  };
}

function benefitsSuspended(personId: string): EventData<'benefit-status-changed'> {
  return {
    personId,
    status: 'SUSPENDED',
    previousStatus: 'COVERED',
    effectiveDate: '2027-01-01',
    rule: 'E13',
    reason: { zh: '参保关系暂停', en: 'the relation was suspended' },
    changedAt: NOW.toISOString(),
  };
}

/** What the service knows of a person's reach: a mobile, none, one that is not a mainland mobile, or nothing yet. */
type Reach = { mobile: string | null } | 'unknown';
const REACHES: Reach[] = [
  ...Array.from({ length: 40 }, (_, i) => ({ mobile: `138${String(10_000_000 + i).slice(-8)}` })),
  'unknown',
  { mobile: null },
  { mobile: '12345' },
  { mobile: '13900001111' },
];

/** A year-end's events for persons of the given reaches: a relation-suspended each, then benefit-status-changed. */
async function yearEndOf(reaches: Reach[]): Promise<{ persons: string[]; messages: IncomingMessage[] }> {
  const persons = reaches.map(() => randomUUID());
  for (const [i, reach] of reaches.entries()) {
    if (reach === 'unknown') continue;
    await h.service.runtime.dataSource.query('INSERT INTO recipient (person_id, name, mobile) VALUES ($1, $2, $3)', [
      persons[i],
      `参保人${i}`,
      reach.mobile,
    ]);
  }
  const messages = [
    ...persons.map((p) => incomingMessage('relation-suspended', p, yearEnd(p))),
    ...persons.slice(0, 5).map((p) => incomingMessage('benefit-status-changed', p, benefitsSuspended(p))),
  ].map((m, i) => ({ ...m, offset: String(i) }));
  return { persons, messages };
}

/** A person's messages, queue rows and events as stored, without what differs from person to person (ids, seq). */
async function storedFor(personId: string) {
  const ds = h.service.runtime.dataSource;
  const messages: Array<Record<string, unknown>> = await ds.query(
    `SELECT m.channel, m.rule, m.template, m.title, m.body, m.title_en, m.body_en, m.variables, m.district, m.urgent,
            m.caused_by_event_type, m.status, m.error, m.mobile, m.created_at, m.sent_at, m.read_at,
            d.mobile AS d_mobile, d.text AS d_text, d.urgent AS d_urgent, d.status AS d_status, d.attempts AS d_attempts,
            d.not_before AS d_not_before, d.last_error AS d_last_error, d.created_at AS d_created_at
       FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
      WHERE m.person_id = $1 ORDER BY m.seq`,
    [personId],
  );
  const events: Array<{ topic: string; envelope: { data: Record<string, unknown>; correlationid?: string } }> =
    await ds.query('SELECT topic, envelope FROM outbox WHERE message_key = $1 ORDER BY seq', [personId]);
  return {
    messages,
    events: events.map(({ topic, envelope }) => {
      const { messageId: _m, causedBy: _c, personId: _p, ...data } = envelope.data;
      return { topic, data, correlated: envelope.correlationid !== undefined };
    }),
  };
}

describe('N3 — a year-end batch stored set-based (the consumer’s batch handler)', () => {
  it('N3: a fetched batch of relation-suspended is stored at once: per person the in-app N3 message (notification-sent) and the SMS queued until 08:00, held, undeliverable or parked; exactly the rows and events of one at a time', async () => {
    const consumer = h.service.consumers[0]!;
    const batched = await yearEndOf(REACHES);
    const oneByOne = await yearEndOf(REACHES);

    // a spy that lets every call through; the calls about these events only (the service's own consumer takes
    // whatever other runs publish on the shared Kafka meanwhile)
    const deliverMany = jest.spyOn(h.app.delivery, 'deliverMany');
    const callsAbout = (messages: IncomingMessage[]) => {
      const ids = new Set(messages.map((m) => (JSON.parse(m.value!) as { id: string }).id));
      return deliverMany.mock.calls
        .map(([, deliveries]) => deliveries)
        .filter((deliveries) => deliveries.some((d) => ids.has(d.cause.id)));
    };
    const outcomes = await consumer.handleBatch(batched.messages);
    expect(outcomes).toEqual(batched.messages.map(() => 'applied'));
    // one call for the run of relation-suspended, one for the run of benefit-status-changed
    expect(callsAbout(batched.messages).map((d) => d.length)).toEqual([REACHES.length, 5]);
    for (const m of oneByOne.messages) expect(await consumer.handle(m)).toBe('applied');
    expect(callsAbout(oneByOne.messages).map((d) => d.length)).toEqual(oneByOne.messages.map(() => 1));
    deliverMany.mockRestore();

    // the rows, person by person
    const ds = h.service.runtime.dataSource;
    const at8 = new Date('2027-01-01T08:00:00+08:00');
    for (const [i, reach] of REACHES.entries()) {
      const personId = batched.persons[i]!;
      const [relationEvent] = batched.messages.filter((m) => m.key === personId);
      const eventId = (JSON.parse(relationEvent!.value!) as { id: string }).id;
      const rows: Array<Record<string, unknown>> = await ds.query(
        `SELECT m.id, m.channel, m.rule, m.status, m.mobile, m.error, m.caused_by_event_id, m.urgent,
                d.mobile AS queued_to, d.not_before, d.status AS delivery
           FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
          WHERE m.person_id = $1 AND m.caused_by_event_id = $2 ORDER BY m.seq`,
        [personId, eventId],
      );
      const [inApp, sms] = rows;
      expect(inApp).toMatchObject({ channel: 'IN_APP', rule: 'N3', status: 'SENT', delivery: null });
      const expected =
        reach === 'unknown'
          ? { status: 'HELD', mobile: null, error: null, delivery: null }
          : reach.mobile === null
            ? { status: 'UNDELIVERABLE', mobile: null, error: 'the person has no mobile number on record' }
            : reach.mobile === '12345'
              ? { status: 'FAILED', mobile: null, error: expect.stringMatching(/^not a mainland mobile number/) }
              : // quiet hours: queued for 08:00 Beijing time, not now
                {
                  status: 'QUEUED',
                  mobile: reach.mobile,
                  queued_to: reach.mobile,
                  not_before: at8,
                  delivery: 'QUEUED',
                };
      expect(sms).toMatchObject({ channel: 'SMS', rule: 'N3', urgent: false, ...expected });
      expect(rows).toHaveLength(2);

      // its events: notification-sent for the in-app message; notification-failed for an SMS that cannot go
      const events: Array<{ topic: string; envelope: { data: Record<string, unknown>; correlationid: string } }> =
        await ds.query(
          `SELECT topic, envelope FROM outbox WHERE message_key = $1 AND envelope->'data'->>'causedBy' = $2 ORDER BY seq`,
          [personId, eventId],
        );
      const failed = sms!.status === 'UNDELIVERABLE' || sms!.status === 'FAILED';
      expect(events.map((e) => [e.topic, e.envelope.data.messageId])).toEqual([
        ['notification-sent', inApp!.id],
        ...(failed ? [['notification-failed', sms!.id]] : []),
      ]);
      expect(events[0]!.envelope.data).toMatchObject({ channel: 'IN_APP', rule: 'N3', sentAt: NOW.toISOString() });
      // each under the correlation id of the event that caused it, as when it is handled alone
      for (const e of events) expect(e.envelope.correlationid).toBe(eventId);
    }

    // and the same as one at a time, row for row and event for event
    for (const [i] of REACHES.entries())
      expect(await storedFor(batched.persons[i]!)).toEqual(await storedFor(oneByOne.persons[i]!));

    // a redelivery of the batch changes nothing
    const counts = async () => [
      await h.count('message', 'person_id = ANY($1::uuid[])', [batched.persons]),
      await h.count('outbox', 'message_key = ANY($1)', [batched.persons]),
      await h.count('sms_delivery d JOIN message m ON m.id = d.message_id', 'm.person_id = ANY($1::uuid[])', [
        batched.persons,
      ]),
    ];
    const before = await counts();
    expect(before).toEqual([REACHES.length * 2 + 5, REACHES.length + 2 + 5, 41]);
    expect(await consumer.handleBatch(batched.messages)).toEqual(batched.messages.map(() => 'duplicate'));
    expect(await counts()).toEqual(before);

    // at 08:00 the sender sends them, a round of up to 10 at a time written together: each SMS sent once, with its
    // message SENT and one notification-sent
    clock.instant = new Date('2027-01-01T08:00:05+08:00');
    await h.app.sender.drain();
    const persons = [...batched.persons, ...oneByOne.persons];
    // the service's own sender loop may hold the last round when drain() returns: wait for it
    const sms = await eventually(async () => {
      const rows: Array<{ status: string; delivery: string; attempts: number; sent_at: Date | null }> = await ds.query(
        `SELECT m.status, d.status AS delivery, d.attempts, m.sent_at
           FROM message m JOIN sms_delivery d ON d.message_id = m.id WHERE m.person_id = ANY($1::uuid[])`,
        [persons],
      );
      return rows.every((r) => r.delivery === 'SENT') ? rows : undefined;
    });
    expect(sms).toHaveLength(82);
    expect(new Set(sms.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ status: 'SENT', delivery: 'SENT', attempts: 1, sent_at: clock.instant })]),
    );
    const [{ n, messages }] = (await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT envelope->'data'->>'messageId')::int AS messages FROM outbox
        WHERE topic = 'notification-sent' AND envelope->'data'->>'channel' = 'SMS' AND message_key = ANY($1)`,
      [persons],
    )) as [{ n: number; messages: number }];
    expect({ n, messages }).toEqual({ n: 82, messages: 82 });
  });
});

describe('N3 — the SMS sender is woken after the commit', () => {
  it('N3: the consumer wakes the SMS sender once the transaction that queued the SMS has committed, never inside it', async () => {
    clock.instant = new Date(NOW); // quiet hours again: the SMS stay queued while the test looks at them
    const consumer = h.service.consumers[0]!;
    const ds = h.service.runtime.dataSource;
    // three persons with a mobile number: three SMS queued
    const { persons, messages } = await yearEndOf(REACHES.slice(0, 3));
    const deliverMany = jest.spyOn(h.app.delivery, 'deliverMany');
    // the transactions that stored these persons' messages (the service's own consumer may take other events meanwhile)
    const ours = () =>
      deliverMany.mock.calls
        .filter(([, deliveries]) => deliveries.some((d) => persons.includes(d.cause.subject ?? '')))
        .map(([manager]) => manager);
    const visible = async () => {
      const [row] = (await ds.query(
        `SELECT count(*)::int AS n FROM sms_delivery d JOIN message m ON m.id = d.message_id
          WHERE m.person_id = ANY($1::uuid[])`,
        [persons],
      )) as Array<{ n: number }>;
      return row!.n;
    };
    // at each kick: whether a transaction that stored these SMS is still open, and what another connection sees
    const kicks: Array<{ open: boolean[]; visible: Promise<number> }> = [];
    const kick = jest.spyOn(h.app.sender, 'kick').mockImplementation(() => {
      kicks.push({ open: ours().map((m) => m.queryRunner?.isTransactionActive === true), visible: visible() });
    });
    try {
      expect(await consumer.handleBatch(messages)).toEqual(messages.map(() => 'applied'));
    } finally {
      kick.mockRestore();
      deliverMany.mockRestore();
    }
    const after = kicks.filter((k) => k.open.length > 0);
    // woken (at least once) after these SMS were stored, and every time with their transaction closed: committed
    expect(after.length).toBeGreaterThan(0);
    for (const k of after) {
      expect(k.open).toEqual(k.open.map(() => false));
      expect(await k.visible).toBe(3);
    }
  });
});
