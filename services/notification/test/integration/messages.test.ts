import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { buildEnvelope, type EventData, type ServiceConfig } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  SubgraphHarness,
  TestPublisher,
  eventually,
  personIdentity,
  personRegistered,
  relationSnapshot,
} from '@yibao/test-kit';
import { planMessages } from '../../src/domain';
import { notification } from '../../src/service';

// the log adapter stands in for the gateway here (sms-gateway.test.ts has the HTTP one); quiet hours are
// quiet-hours.test.ts's business, so they are off whatever the time of day the suite runs at
const h = new SubgraphHarness(notification, {
  config: { SMS_QUIET_HOURS: 'off', SMS_POLL_MS: '50' } as Partial<ServiceConfig>,
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

const messagesOf = (personId: string) => h.app.messages.forPerson(personId, CITY_STAFF);

/** The person's SMS rows as stored, whatever their status (the graph lists only those sent). */
const smsOf = (personId: string): Promise<Array<{ status: string; mobile: string | null; sent: boolean }>> =>
  h.service.runtime.dataSource.query(
    `SELECT status, mobile, sent_at IS NOT NULL AS sent FROM message WHERE person_id = $1 AND channel = 'SMS'`,
    [personId],
  );

const registration = (personId: string, mobile: string | null) => personRegistered(personId, { mobile });

/** E13 at year end: a batch suspension, which N3 says must reach the person, also by SMS. */
function batchSuspension(personId: string, cause = 'E13'): EventData<'relation-suspended'> {
  return {
    relation: relationSnapshot(personId),
    previousStatus: 'ACTIVE',
    cause,
    reason: { zh: '未在集中参保缴费期缴纳下一年度费用', en: 'next year not paid in the centralised period' },
    effectiveDate: '2026-12-31',
    coveredUntil: null,
    actor: { subject: 'year-end', role: 'SYSTEM' },
    changedAt: new Date().toISOString(),
  };
}

function transferStep(
  personId: string,
  over: Partial<EventData<'transfer-status-changed'>> = {},
): EventData<'transfer-status-changed'> {
  return {
    transferId: randomUUID(),
    personId,
    direction: 'INBOUND',
    mode: 'ONLINE',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: '130100',
    destinationRegion: '120104',
    status: 'ACCEPTED',
    previousStatus: null,
    dueOn: '2026-12-22',
    actor: { subject: 'clerk', role: 'DISTRICT_STAFF' },
    changedAt: new Date().toISOString(),
    ...over,
  };
}

describe('notification from enrollment events (real Kafka and PostgreSQL)', () => {
  it('N3: a year-end batch suspension reaches the person in the app and by SMS, once, whatever the redeliveries', async () => {
    const personId = randomUUID();
    await publisher.publish('person-registered', personId, personRegistered(personId));
    await eventually(async () => (await messagesOf(personId)).length === 1, 20000, 'welcome message');

    const event = batchSuspension(personId);
    const eventId = randomUUID();
    await publisher.publish('relation-suspended', personId, event, { id: eventId });
    await publisher.publish('relation-suspended', personId, event, { id: eventId }); // redelivered
    // A marker after the redelivery, on the same topic and key (so the same partition, consumed in order) but about
    // someone else: once the marker's message exists, the redelivery has been consumed too.
    const marker = randomUUID();
    await publisher.publish('relation-suspended', marker, batchSuspension(marker), { key: personId });
    await eventually(async () => (await messagesOf(marker)).length > 0, 20000, 'the marker consumed');

    // the SMS goes through the sender (log adapter here): sent once
    await eventually(async () => (await smsOf(personId))[0]?.sent, 20000, 'SMS sent');
    const messages = await messagesOf(personId);
    expect(messages.map((m) => [m.channel, m.rule])).toEqual([
      ['IN_APP', 'N2'],
      ['IN_APP', 'N3'],
      ['SMS', 'N3'],
    ]);
    expect(await smsOf(personId)).toEqual([{ status: 'SENT', mobile: '13812345678', sent: true }]);
    expect(await h.count('sms_delivery d JOIN message m ON m.id = d.message_id', 'm.person_id = $1', [personId])).toBe(
      1,
    );
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
    await eventually(async () => (await smsOf(personId))[0]?.status === 'SENT', 20000, 'SMS released and sent');
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
    expect(messages.find((m) => m.channel === 'SMS')!.body).toMatch(/^您的居民医保（南开区家庭虚拟户）参保关系已于/);
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
    // integrators that track delivery hear of it
    const failed = (await h.eventsOf(personId)).filter((e) => e.topic === 'notification-failed');
    expect(failed).toEqual([
      {
        topic: 'notification-failed',
        data: expect.objectContaining({
          channel: 'SMS',
          rule: 'N3',
          attempts: 0,
          error: expect.stringMatching(/no mobile/),
        }),
      },
    ]);
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
      await h.app.delivery.deliver(m, cause, planMessages('relation-suspended', data));
      held = true;
      await new Promise<void>((r) => (commit = r)); // the SMS is stored HELD, not committed yet
    });
    await eventually(async () => held, 20000, 'suspension stored, uncommitted');
    const registration = ds.transaction((m) => h.app.delivery.rememberRecipient(m, personId, '张三', '13812345678'));
    // the registration waits for the suspension's transaction (per-person lock) instead of missing its SMS
    const waiting = `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                      WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`;
    await eventually(async () => (await ds.query(waiting)).length > 0, 20000, 'registration waiting on the person');
    commit();
    await Promise.all([suspension, registration]);
    await eventually(async () => (await smsOf(personId))[0]?.sent, 20000, 'SMS sent');
    expect(await smsOf(personId)).toEqual([{ status: 'SENT', mobile: '13812345678', sent: true }]);
  });

  it('N2: a relation registration gets an in-app message the person can query, and notification-sent is published', async () => {
    const personId = randomUUID();
    const event = await publisher.publish('relation-registered', personId, {
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
    expect(m).toMatchObject({
      channel: 'IN_APP',
      rule: 'N2',
      title: '参保登记成功',
      titleEn: 'Insurance relation registered',
    });
    expect(await h.eventsOf(personId)).toEqual([
      {
        topic: 'notification-sent',
        data: expect.objectContaining({
          messageId: m!.id,
          personId,
          channel: 'IN_APP',
          rule: 'N2',
          causedBy: event.id,
        }),
      },
    ]);
  });
});

describe('N2 — transfers and benefits in the app', () => {
  it('N2: an online-mode transfer step is an in-app message, and no SMS', async () => {
    const personId = randomUUID();
    await publisher.publish('person-registered', personId, personRegistered(personId));
    await publisher.publish('transfer-status-changed', personId, transferStep(personId), { service: 'transfer' });
    const messages = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.some((m) => m.template.startsWith('transfer')) ? all : undefined;
      },
      20000,
      'transfer message',
    );
    expect(messages.filter((m) => m.template.startsWith('transfer')).map((m) => `${m.channel} ${m.rule}`)).toEqual([
      'IN_APP N2',
    ]);
    expect(await smsOf(personId)).toEqual([]);
  });

  it('N3: the waiting-period result reaches the person with its explanation', async () => {
    const personId = randomUUID();
    await publisher.publish(
      'waiting-period-assigned',
      personId,
      {
        personId,
        relationId: null,
        scheme: 'RESIDENT',
        assignedOn: '2026-03-02',
        lapsed: true,
        lapseMonths: 26,
        fixedMonths: 3,
        variableMonths: 2,
        repairedMonths: 1,
        waitingMonths: 4,
        exemption: null,
        coveredFrom: '2026-07-02',
        explanation: [{ zh: '断保 26 个月', en: 'lapse of 26 months' }],
        parameters: [],
      },
      { service: 'benefits' },
    );
    const [m] = await eventually(
      async () => {
        const all = await messagesOf(personId);
        return all.length > 0 ? all : undefined;
      },
      20000,
      'waiting-period message',
    );
    expect(m).toMatchObject({ channel: 'IN_APP', rule: 'N3', title: '医保待遇享受时间' });
    expect(m!.body).toContain('待遇等待期为 4 个月');
  });
});

describe('the graph: a person’s messages, paged, unread count, mark read', () => {
  const personId = randomUUID();
  const person = personIdentity(personId);
  const PAGE = `query ($id: ID!, $first: Int, $after: String, $unreadOnly: Boolean) {
    _entities(representations: [{ __typename: "Person", id: $id }]) {
      ... on Person {
        unreadMessageCount
        messagePage(first: $first, after: $after, unreadOnly: $unreadOnly) {
          nodes { id rule title body read } pageInfo { endCursor hasNextPage } unreadCount
        }
      }
    }
  }`;
  type PageResult = {
    _entities: Array<{
      unreadMessageCount: number;
      messagePage: {
        nodes: Array<{ id: string; rule: string; title: string; body: string; read: boolean }>;
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        unreadCount: number;
      };
    }>;
  };

  beforeAll(async () => {
    await publisher.publish('person-registered', personId, personRegistered(personId, { mobile: null }));
    // another topic than the transfer's: wait for it, so that the page order below is the order of publication
    await eventually(async () => (await messagesOf(personId)).length === 1, 20000, 'the welcome message');
    for (const status of ['ACCEPTED', 'INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'COMPLETED'] as const)
      await publisher.publish('transfer-status-changed', personId, transferStep(personId, { status }), {
        service: 'transfer',
      });
    await eventually(async () => (await messagesOf(personId)).length === 5, 20000, 'five messages');
  });

  it('N2: the person pages through their messages newest first, with the unread count', async () => {
    const first = await h.gql<PageResult>(PAGE, { id: personId, first: 2 }, person);
    expect(first.errors).toBeUndefined();
    const p1 = first.data!._entities[0]!;
    expect(p1.unreadMessageCount).toBe(5);
    expect(p1.messagePage.unreadCount).toBe(5);
    expect(p1.messagePage.nodes.map((m) => m.title)).toEqual([
      '转移接续进度：已办结',
      '转移接续进度：医保关系已转入本市',
    ]);
    expect(p1.messagePage.pageInfo.hasNextPage).toBe(true);
    const rest = await h.gql<PageResult>(
      PAGE,
      { id: personId, first: 10, after: p1.messagePage.pageInfo.endCursor },
      person,
    );
    expect(rest.data!._entities[0]!.messagePage.nodes.map((m) => m.title)).toEqual([
      '转移接续进度：已收到《信息表》，正在核对',
      '转移接续进度：申请已受理',
      '参保人信息已登记',
    ]);
    expect(rest.data!._entities[0]!.messagePage.pageInfo).toEqual({
      endCursor: expect.any(String),
      hasNextPage: false,
    });
  });

  it('N2: the person marks messages read; the unread count and the unread-only page follow', async () => {
    const page = await h.gql<PageResult>(PAGE, { id: personId, first: 2 }, person);
    const ids = page.data!._entities[0]!.messagePage.nodes.map((m) => m.id);
    const marked = await h.gql<{ markMessagesRead: Array<{ id: string; read: boolean; readAt: string }> }>(
      'mutation ($ids: [ID!]!) { markMessagesRead(ids: $ids) { id read readAt } }',
      { ids },
      person,
    );
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markMessagesRead.every((m) => m.read && m.readAt)).toBe(true);
    const after = await h.gql<PageResult>(PAGE, { id: personId, first: 10, unreadOnly: true }, person);
    expect(after.data!._entities[0]!.unreadMessageCount).toBe(3);
    expect(after.data!._entities[0]!.messagePage.nodes).toHaveLength(3);
  });

  it('N2: only the person marks their messages read; another person may neither read nor mark them', async () => {
    const page = await h.gql<PageResult>(PAGE, { id: personId, first: 1 }, person);
    const id = page.data!._entities[0]!.messagePage.nodes[0]!.id;
    const other = personIdentity(randomUUID());
    for (const as of [other, CITY_STAFF]) {
      const r = await h.gql('mutation ($ids: [ID!]!) { markMessagesRead(ids: $ids) { id } }', { ids: [id] }, as);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const read = await h.gql<PageResult>(PAGE, { id: personId, first: 1 }, other);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // staff read anyone's messages (as they read anyone's records), a district branch too
    const staff = await h.gql<PageResult>(PAGE, { id: personId, first: 1 }, DISTRICT_STAFF);
    expect(staff.errors).toBeUndefined();
  });

  it('N2: a bad cursor or page size is bad input', async () => {
    const r = await h.gql<PageResult>(PAGE, { id: personId, first: 1, after: 'bm90LWEtY3Vyc29y' }, person);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'after' })],
    });
    const big = await h.gql<PageResult>(PAGE, { id: personId, first: 1000 }, person);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('N2: all read at once', async () => {
    const r = await h.gql<{ markAllMessagesRead: number }>('mutation { markAllMessagesRead }', {}, person);
    expect(r.data!.markAllMessagesRead).toBe(3);
    const page = await h.gql<PageResult>(PAGE, { id: personId, first: 1 }, person);
    expect(page.data!._entities[0]!.unreadMessageCount).toBe(0);
  });
});

describe('N4 — deadline alerts for the district branch and the city centre', () => {
  const ALERTS = `query ($district: String, $level: DeadlineLevel) {
    deadlineAlerts(district: $district, level: $level, first: 100) {
      nodes { transferId handlingDistrict level dueOn workingDaysLeft title body person { id } }
    }
  }`;
  type Alerts = {
    deadlineAlerts: {
      nodes: Array<{ transferId: string; handlingDistrict: string; level: string; title: string; body: string }>;
    };
  };
  const nankai: string = randomUUID();
  const heping: string = randomUUID();
  let alertedPerson = '';

  function alert(
    transferId: string,
    handlingDistrict: string,
    level: 'DUE_SOON' | 'OVERDUE',
  ): EventData<'transfer-deadline-alert'> {
    return {
      ...transferStep(randomUUID(), { transferId, destinationRegion: handlingDistrict }),
      status: 'ACCEPTED',
      handlingDistrict,
      dueOn: '2026-12-22',
      level,
      workingDaysLeft: level === 'OVERDUE' ? -2 : 2,
      step: { zh: '开具并寄出《联系函》', en: 'issue and post the contact letter' },
    } as EventData<'transfer-deadline-alert'>;
  }

  beforeAll(async () => {
    const a = alert(nankai, '120104', 'DUE_SOON');
    alertedPerson = a.personId;
    const b = alert(heping, '120101', 'OVERDUE');
    await publisher.publish('transfer-deadline-alert', a.personId, a, { service: 'transfer' });
    await publisher.publish('transfer-deadline-alert', b.personId, b, { service: 'transfer' });
    await eventually(
      async () => (await h.count('deadline_alert', 'transfer_id = ANY($1)', [[nankai, heping]])) === 2,
      20000,
      'two alerts',
    );
  });

  it('N4: the district branch sees the alerts of its own district only', async () => {
    const r = await h.gql<Alerts>(ALERTS, {}, DISTRICT_STAFF);
    expect(r.errors).toBeUndefined();
    const mine = r.data!.deadlineAlerts.nodes.filter((n) => [nankai, heping].includes(n.transferId));
    expect(mine).toEqual([
      expect.objectContaining({
        transferId: nankai,
        handlingDistrict: '120104',
        level: 'DUE_SOON',
        title: '【即将到期】转移接续办理时限',
      }),
    ]);
    expect(r.data!.deadlineAlerts.nodes.every((n) => n.handlingDistrict === '120104')).toBe(true);
    const other = await h.gql<Alerts>(ALERTS, { district: '120101' }, DISTRICT_STAFF);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('N4: the city centre sees every district, and can filter by level and district', async () => {
    const all = await h.gql<Alerts>(ALERTS, {}, CITY_STAFF);
    expect(all.data!.deadlineAlerts.nodes.map((n) => n.transferId)).toEqual(expect.arrayContaining([nankai, heping]));
    const overdue = await h.gql<Alerts>(ALERTS, { level: 'OVERDUE' }, CITY_STAFF);
    const found = overdue.data!.deadlineAlerts.nodes.find((n) => n.transferId === heping)!;
    expect(found.body).toContain('已逾期 2 个工作日');
    expect(overdue.data!.deadlineAlerts.nodes.every((n) => n.level === 'OVERDUE')).toBe(true);
  });

  it('N4: a person sees no staff alert, neither in the staff view nor among their messages', async () => {
    const r = await h.gql<Alerts>(ALERTS, {}, personIdentity(alertedPerson));
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await messagesOf(alertedPerson)).toEqual([]);
  });
});

describe('per-request loaders', () => {
  /** The loaders' SQL queries (reads of many persons' messages) sent while `fn` runs. */
  async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
    const queries: string[] = [];
    const original = Client.prototype.query;
    const counting = function (this: Client, ...args: unknown[]) {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      // the loaders' reads only: the consumer may meanwhile handle other runs' events from the shared Kafka topics
      if (/\bmessage\b/i.test(text) && /= ANY\(/i.test(text)) queries.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    Client.prototype.query = counting as typeof Client.prototype.query;
    try {
      return { result: await fn(), queries };
    } finally {
      Client.prototype.query = original;
    }
  }

  it('N2: messages and unread counts of 2 persons cost as many SQL queries as those of 12', async () => {
    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Person { id messages { id } unreadMessageCount } }
    }`;
    const read = (n: number) =>
      countQueries(() =>
        h.gql(ENTITIES, {
          representations: Array.from({ length: n }, () => ({ __typename: 'Person', id: randomUUID() })),
        }),
      );
    const few = await read(2);
    const many = await read(12);
    expect(many.result.errors).toBeUndefined();
    expect((many.result.data as { _entities: unknown[] })._entities).toHaveLength(12);
    expect(many.queries.length).toBe(few.queries.length);
    expect(many.queries.length).toBeLessThanOrEqual(2);
  });
});

describe('operations', () => {
  it('N1: /metrics shows the SMS backlog and the parked messages', async () => {
    const text = await (await fetch(h.service.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(text).toMatch(/^sms_queue_backlog\{[^}]*\} \d+$/m);
    expect(text).toMatch(/^messages_parked\{[^}]*\} \d+$/m);
  });
});
