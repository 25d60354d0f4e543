import { randomUUID } from 'node:crypto';
import { type EventData, type IncomingMessage, type ServiceConfig } from '@yibao/shared';
import { SubgraphHarness, incomingMessage, personRegistered, relationSnapshot, ManualClock } from '@yibao/test-kit';
import { notification } from '../../src/service';

// inside the quiet hours (22:00–08:00): a released SMS waits for 08:00, so the sender changes nothing meanwhile
const NOW = new Date('2026-12-31T23:30:00+08:00');
const h = new SubgraphHarness(notification, {
  clock: new ManualClock(NOW),
  config: { SMS_QUIET_HOURS: '22:00-08:00' } as Partial<ServiceConfig>,
});

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await h.service?.stop();
});

/** A year-end suspension: its SMS is held while notification does not know the person yet. */
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

/** Who registers, in the run's order: an SMS held before or not, and the mobile number of the registration. */
const PEOPLE: Array<{ held: boolean; mobile: string | null }> = [
  { held: true, mobile: '13812340001' }, // the held SMS released to this number
  { held: true, mobile: null }, // … undeliverable
  { held: true, mobile: '12345' }, // … parked: not a mainland mobile
  { held: false, mobile: '13812340002' },
  { held: false, mobile: null },
];

/** The persons' suspensions applied (their SMS held), then their registrations as messages of one partition. */
async function scenario(): Promise<{ persons: string[]; registrations: IncomingMessage[] }> {
  const consumer = h.service.consumers[0]!;
  const persons = PEOPLE.map(() => randomUUID());
  for (const [i, p] of PEOPLE.entries()) {
    if (p.held)
      expect(await consumer.handle(incomingMessage('relation-suspended', persons[i]!, yearEnd(persons[i]!)))).toBe(
        'applied',
      );
  }
  const registrations = PEOPLE.map((p, i) =>
    incomingMessage(
      'person-registered',
      persons[i]!,
      personRegistered(persons[i]!, { name: `参保人${i}`, mobile: p.mobile, registeredAt: NOW.toISOString() }),
    ),
  ).map((m, i) => ({ ...m, offset: String(i) }));
  return { persons, registrations };
}

/** A person's recipient row, messages, queue rows and events, without what differs from person to person. */
async function storedFor(personId: string) {
  const ds = h.service.runtime.dataSource;
  const recipient: Array<Record<string, unknown>> = await ds.query(
    'SELECT name, mobile FROM recipient WHERE person_id = $1',
    [personId],
  );
  const messages: Array<Record<string, unknown>> = await ds.query(
    `SELECT m.channel, m.rule, m.template, m.title, m.body, m.variables, m.status, m.error, m.mobile, m.created_at,
            m.sent_at, d.mobile AS d_mobile, d.status AS d_status, d.not_before AS d_not_before
       FROM message m LEFT JOIN sms_delivery d ON d.message_id = m.id
      WHERE m.person_id = $1 ORDER BY m.seq`,
    [personId],
  );
  const events: Array<{ topic: string; envelope: { data: Record<string, unknown> } }> = await ds.query(
    'SELECT topic, envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
    [personId],
  );
  return {
    recipient,
    messages,
    events: events.map(({ topic, envelope }) => {
      const { messageId: _m, causedBy: _c, personId: _p, ...data } = envelope.data;
      return { topic, data };
    }),
  };
}

describe('N2 — a run of person-registered stored at once (the consumer’s batch handler)', () => {
  it('keeps every recipient and releases their held SMS in a few statements: exactly the rows and events of one at a time', async () => {
    const consumer = h.service.consumers[0]!;
    const batched = await scenario();
    const oneByOne = await scenario();
    const remember = jest.spyOn(h.app.delivery, 'rememberRecipients');
    const callsAbout = (persons: string[]) =>
      remember.mock.calls
        .map(([, people]) => people.map((p) => p.personId))
        .filter((ids) => ids.some((id) => persons.includes(id)));

    expect(await consumer.handleBatch(batched.registrations)).toEqual(PEOPLE.map(() => 'applied'));
    expect(callsAbout(batched.persons)).toEqual([batched.persons]); // one call, in the run's order
    for (const m of oneByOne.registrations) expect(await consumer.handle(m)).toBe('applied');
    expect(callsAbout(oneByOne.persons)).toEqual(oneByOne.persons.map((p) => [p]));
    remember.mockRestore();

    for (const [i, p] of PEOPLE.entries()) {
      const stored = await storedFor(batched.persons[i]!);
      expect(stored).toEqual(await storedFor(oneByOne.persons[i]!));
      expect(stored.recipient).toEqual([{ name: `参保人${i}`, mobile: p.mobile }]);
      // the N2 message, and the N3 pair of the suspension when there was one
      expect(stored.messages.map((m) => [m.channel, m.rule, m.status])).toEqual([
        ...(p.held
          ? [
              ['IN_APP', 'N3', 'SENT'],
              ['SMS', 'N3', p.mobile === null ? 'UNDELIVERABLE' : p.mobile === '12345' ? 'FAILED' : 'QUEUED'],
            ]
          : []),
        ['IN_APP', 'N2', 'SENT'],
      ]);
    }
  });

  it('a run with one person twice is applied one registration at a time: the held SMS goes to the number of the first', async () => {
    const consumer = h.service.consumers[0]!;
    const personId = randomUUID();
    expect(await consumer.handle(incomingMessage('relation-suspended', personId, yearEnd(personId)))).toBe('applied');
    const run = ['13812340003', '13812340004'].map((mobile, i) => ({
      ...incomingMessage('person-registered', personId, personRegistered(personId, { mobile })),
      offset: String(i),
    }));
    const remember = jest.spyOn(h.app.delivery, 'rememberRecipients');
    expect(await consumer.handleBatch(run)).toEqual(['applied', 'applied']);
    expect(
      remember.mock.calls.filter(([, people]) => people[0]?.personId === personId).map(([, p]) => p.length),
    ).toEqual([1, 1]);
    remember.mockRestore();
    const stored = await storedFor(personId);
    expect(stored.recipient).toEqual([{ name: '张三', mobile: '13812340004' }]); // the later registration's
    const sms = stored.messages.filter((m) => m.channel === 'SMS');
    expect(sms).toEqual([
      expect.objectContaining({ status: 'QUEUED', mobile: '13812340003', d_mobile: '13812340003' }),
    ]);
  });
});
