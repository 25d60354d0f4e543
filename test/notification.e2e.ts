import { randomUUID } from 'node:crypto';
import type { EventData } from '@yibao/shared';
import { CITY_STAFF, DISTRICT_STAFF, TestPublisher, eventually, personIdentity, residentId } from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * What a person and the staff are told, through the gateway: a postal transfer's steps reach the person (N1 by SMS,
 * N2 in the app), who pages through their messages and marks them read; a deadline alert reaches the district branch,
 * which sees the person's name resolved by enrollment (federation). The transfer events are published here as the
 * transfer service will publish them.
 */
describe('notification through the gateway and Kafka', () => {
  let stack: Stack;
  let publisher: TestPublisher;
  let personId: string;

  beforeAll(async () => {
    // SMS leave at any hour here: with the default quiet hours (22:00–08:00 Beijing time) a run at night would hold
    // them until the morning (quiet hours have tests of their own, on a clock the test sets)
    stack = await startStack({ config: { notification: { SMS_QUIET_HOURS: 'off' } } });
    publisher = new TestPublisher();
    const r = await stack.client.request<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber: residentId('19850505', '120104', 901), name: '钱通知', mobile: '13920009876' } },
      CITY_STAFF,
    );
    expect(r.errors).toBeUndefined();
    personId = r.data!.registerPerson.id;
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stack?.stop();
  });

  const step = (status: EventData<'transfer-status-changed'>['status']): EventData<'transfer-status-changed'> => ({
    transferId: '7d0f3c2a-4b1e-4c5d-9e8f-1a2b3c4d5e6f',
    personId,
    direction: 'INBOUND',
    mode: 'POSTAL',
    fromScheme: 'EMPLOYEE',
    toScheme: 'EMPLOYEE',
    sourceRegion: '130100',
    destinationRegion: '120104',
    status,
    previousStatus: null,
    dueOn: null,
    actor: { subject: 'clerk-nankai', role: 'DISTRICT_STAFF' },
    changedAt: new Date().toISOString(),
  });

  const MINE = `query ($id: ID!) { person(id: $id) {
    name unreadMessageCount
    messagePage(first: 10) { nodes { id channel rule title body } unreadCount pageInfo { hasNextPage } }
  } }`;
  type Mine = {
    person: {
      name: string;
      unreadMessageCount: number;
      messagePage: { nodes: Array<{ id: string; channel: string; rule: string; title: string; body: string }> };
    };
  };

  it('N2: a postal transfer’s steps reach the person in the app (and by SMS, N1); they page and mark them read', async () => {
    await publisher.publish('transfer-status-changed', personId, step('ACCEPTED'), { service: 'transfer' });
    await publisher.publish('transfer-status-changed', personId, step('CONTACT_LETTER_SENT'), { service: 'transfer' });
    const me = personIdentity(personId);
    const page = await eventually(async () => {
      const r = await stack.client.request<Mine>(MINE, { id: personId }, me);
      expect(r.errors).toBeUndefined();
      const inApp = r.data!.person.messagePage.nodes.filter((m) => m.channel === 'IN_APP');
      return inApp.length === 3 ? r.data!.person : undefined;
    }, 30000);
    expect(page.name).toBe('钱通知');
    // newest first; the registration came on another topic, so its place among the steps is Kafka's to choose
    const titles = page.messagePage.nodes.filter((m) => m.channel === 'IN_APP').map((m) => m.title);
    expect(titles.filter((t) => t.startsWith('转移接续'))).toEqual([
      '转移接续进度：《联系函》已开具并寄往转出地经办机构',
      '转移接续进度：申请已受理',
    ]);
    expect(titles).toContain('参保人信息已登记');
    // each step also has its SMS (N1), queued for the gateway
    const sms: Array<{ status: string }> = await stack.services.notification.runtime.dataSource.query(
      `SELECT status FROM message WHERE person_id = $1 AND channel = 'SMS' AND rule = 'N1'`,
      [personId],
    );
    expect(sms).toHaveLength(2);
    // an SMS joins the person's messages once sent: wait until the sender has sent both, so that the unread count
    // below is not raced by a send
    await eventually(async () => {
      const queued: Array<{ n: number }> = await stack.services.notification.runtime.dataSource.query(
        `SELECT count(*)::int AS n FROM message WHERE person_id = $1 AND channel = 'SMS' AND status = 'QUEUED'`,
        [personId],
      );
      return queued[0]!.n === 0 ? true : undefined;
    }, 30000);
    const settled = (await stack.client.request<Mine>(MINE, { id: personId }, me)).data!.person;

    const unread = settled.unreadMessageCount;
    const first = page.messagePage.nodes[0]!.id;
    const marked = await stack.client.request<{ markMessagesRead: Array<{ read: boolean }> }>(
      'mutation ($ids: [ID!]!) { markMessagesRead(ids: $ids) { read } }',
      { ids: [first] },
      me,
    );
    expect(marked.data!.markMessagesRead).toEqual([{ read: true }]);
    const after = await stack.client.request<Mine>(MINE, { id: personId }, me);
    expect(after.data!.person.unreadMessageCount).toBe(unread - 1);
    // someone else may not mark them
    const other = await stack.client.request(
      'mutation ($ids: [ID!]!) { markMessagesRead(ids: $ids) { read } }',
      { ids: [first] },
      personIdentity(randomUUID()),
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('N4: a deadline near due reaches the district branch, with the person’s name from enrollment', async () => {
    const alert: EventData<'transfer-deadline-alert'> = {
      ...step('ACCEPTED'),
      handlingDistrict: '120104',
      dueOn: '2026-12-22',
      level: 'DUE_SOON',
      workingDaysLeft: 2,
      step: { zh: '开具并寄出《联系函》', en: 'issue and post the contact letter' },
    } as EventData<'transfer-deadline-alert'>;
    await publisher.publish('transfer-deadline-alert', personId, alert, { service: 'transfer' });
    const ALERTS = `{ deadlineAlerts(first: 100) { nodes { personId level dueOn title person { name } } } }`;
    type Alerts = {
      deadlineAlerts: {
        nodes: Array<{ personId: string; level: string; title: string; person: { name: string } | null }>;
      };
    };
    const mine = await eventually(async () => {
      const r = await stack.client.request<Alerts>(ALERTS, {}, DISTRICT_STAFF);
      expect(r.errors).toBeUndefined();
      return r.data!.deadlineAlerts.nodes.find((n) => n.personId === personId);
    }, 30000);
    expect(mine).toEqual({
      level: 'DUE_SOON',
      dueOn: '2026-12-22',
      title: '【即将到期】转移接续办理时限',
      personId,
      person: { name: '钱通知' },
    });
    const elsewhere = await stack.client.request<Alerts>(ALERTS, {}, { ...DISTRICT_STAFF, district: '120116' });
    expect(elsewhere.data!.deadlineAlerts.nodes.find((n) => n.personId === personId)).toBeUndefined();
  });
});
