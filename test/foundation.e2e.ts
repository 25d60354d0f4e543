import { INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '@yibao/shared';
import {
  ADMIN_DATABASE_URL,
  CITY_STAFF,
  INTERNAL_AUTH_SECRET,
  JWT_SECRET,
  TopicProbe,
  bearer,
  countRows as count,
  eventually,
  gql,
  internalIdentity,
  personIdentity,
} from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';
import { gatewayConfigSchema } from '../gateway/src/config';
import { startGateway } from '../gateway/src/gateway';

const REGISTER = `
  mutation Register($input: RegisterPersonInput!) {
    registerPerson(input: $input) { id idNumber name gender birthDate householdRegion }
  }`;

const PERSON_WITH_MESSAGES = `
  query Person($id: ID!) {
    person(id: $id) { id name messages { channel rule title body } transfers { id } }
  }`;

describe('foundation: through the gateway and Kafka, across all four subgraphs', () => {
  let stack: Stack;
  let auth: Record<string, string>;

  beforeAll(async () => {
    expect(ADMIN_DATABASE_URL).toBeTruthy();
    stack = await startStack();
    auth = await bearer(CITY_STAFF);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('registers a person through the gateway and the notification arrives through Kafka (federated query)', async () => {
    const registered = await gql<{ registerPerson: { id: string; gender: string; birthDate: string } }>(
      stack.gateway.url,
      REGISTER,
      { input: { idNumber: '11010519491231002X', name: '张三', householdRegion: '120104', mobile: '13812345678' } },
      auth,
    );
    expect(registered.errors).toBeUndefined();
    const person = registered.data!.registerPerson;
    expect(person).toMatchObject({ gender: 'FEMALE', birthDate: '1949-12-31', householdRegion: '120104' });

    const withMessage = await eventually(
      async () => {
        const r = await gql<{ person: { messages: Array<{ rule: string; body: string }> } }>(
          stack.gateway.url,
          PERSON_WITH_MESSAGES,
          { id: person.id },
          auth,
        );
        expect(r.errors).toBeUndefined();
        return r.data!.person.messages.length > 0 ? r.data!.person : undefined;
      },
      30000,
      'notification message',
    );
    expect(withMessage).toMatchObject({ id: person.id, name: '张三', transfers: [] });
    expect(withMessage.messages).toHaveLength(1);
    expect(withMessage.messages[0]).toMatchObject({ channel: 'IN_APP', rule: 'N2' });
    expect(withMessage.messages[0]!.body).toContain('张三');
  });

  it('a resident ID with a wrong check character is BAD_USER_INPUT and leaves no row and no event', async () => {
    const personsBefore = await count('enrollment', 'SELECT count(*) AS n FROM person');
    const outboxBefore = await count('enrollment', 'SELECT count(*) AS n FROM outbox');
    const probe = await new TopicProbe(['person-registered']).start();

    const bad = '110105194912310021';
    // a name no other run on this Kafka uses, so the probe below can only match this call's event
    const name = `李四${Date.now().toString(36)}`;
    const r = await gql(stack.gateway.url, REGISTER, { input: { idNumber: bad, name } }, auth);
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const error = r.errors![0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = error.extensions?.fields as Array<{ field: string; zh: string; en: string }>;
    expect(fields[0]).toMatchObject({ field: 'input.idNumber' });
    expect(fields[0]!.zh).toMatch(/校验码/);
    expect(fields[0]!.en).toMatch(/check character/);

    // A marker registered after the refused call: once its event is on the topic, the relay has had every chance to
    // publish anything the refused call might have written.
    try {
      const marker = await gql<{ registerPerson: { id: string } }>(
        stack.gateway.url,
        REGISTER,
        { input: { idNumber: '120104198507150011', name: '标记' } },
        auth,
      );
      expect(marker.errors).toBeUndefined();
      await probe.waitFor((e) => e.subject === marker.data!.registerPerson.id);
      expect(await count('enrollment', 'SELECT count(*) AS n FROM person')).toBe(personsBefore + 1);
      expect(await count('enrollment', 'SELECT count(*) AS n FROM outbox')).toBe(outboxBefore + 1);
      expect(probe.seen((e) => (e.data as { idNumber?: string }).idNumber === bad)).toEqual([]);
      expect(probe.seen((e) => (e.data as { name?: string }).name === name)).toEqual([]);
    } finally {
      await probe.stop();
    }
  });

  it('registering the same ID number twice is a CONFLICT naming the existing person', async () => {
    const input = { idNumber: '120104199001011238', name: '王五' };
    const first = await gql<{ registerPerson: { id: string } }>(stack.gateway.url, REGISTER, { input }, auth);
    expect(first.errors).toBeUndefined();
    const again = await gql(stack.gateway.url, REGISTER, { input }, auth);
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      existingPersonId: first.data!.registerPerson.id,
    });
  });

  it('refuses a call without a token, and a person reading someone else', async () => {
    const anonymous = await gql(stack.gateway.url, PERSON_WITH_MESSAGES, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const other = await gql(
      stack.gateway.url,
      PERSON_WITH_MESSAGES,
      { id: '00000000-0000-4000-8000-000000000000' },
      await bearer(personIdentity('11111111-1111-4111-8111-111111111111')),
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('subgraphs refuse calls that do not come from the gateway with a signed identity', async () => {
    const url = stack.services.enrollment.url;
    const bare = await gql(url, '{ person(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(bare.status).toBe(401);
    expect(bare.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(
      url,
      '{ person(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      {
        [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(
          CITY_STAFF,
          'a-forged-secret-that-is-long-enough-to-sign',
        ),
      },
    );
    expect(forged.status).toBe(401);
    const genuine = await gql(
      url,
      '{ person(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      await internalIdentity(CITY_STAFF),
    );
    expect(genuine.errors).toBeUndefined();
    expect(genuine.data).toEqual({ person: null });
  });

  it('the gateway refuses queries deeper or costlier than its limits', async () => {
    const strict = await startGateway(
      gatewayConfigSchema.parse({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: '0',
        JWT_SECRET,
        INTERNAL_AUTH_SECRET,
        ENROLLMENT_URL: stack.services.enrollment.url,
        NOTIFICATION_URL: stack.services.notification.url,
        MAX_DEPTH: '2',
        MAX_COST: '20',
      }),
    );
    try {
      const shallow = await gql(strict.url, '{ person(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, auth);
      expect(shallow.errors).toBeUndefined();
      const deep = await gql(
        strict.url,
        '{ person(id: "00000000-0000-4000-8000-000000000000") { messages { id } } }',
        {},
        auth,
      );
      expect(deep.errors?.[0]?.message).toMatch(/depth/i);
      const aliases = Array.from(
        { length: 12 },
        (_, i) => `p${i}: person(id: "00000000-0000-4000-8000-000000000000") { id name }`,
      ).join(' ');
      const costly = await gql(strict.url, `{ ${aliases} }`, {}, auth);
      expect(costly.errors?.[0]?.message).toMatch(/cost/i);
    } finally {
      await strict.stop();
    }
  });

  it('working-day deadlines, policy parameters: the other subgraphs answer through the gateway', async () => {
    const r = await gql<{
      workingDayDeadline: { dueOn: string; fallbackYears: number[] };
      policyParameters: Array<{ name: string; value: number }>;
    }>(
      stack.gateway.url,
      `{ workingDayDeadline(from: "2026-09-30", workingDays: 1) { dueOn fallbackYears }
         policyParameters(on: "2026-01-01") { name value } }`,
      {},
      auth,
    );
    expect(r.errors).toBeUndefined();
    // 10/1–7 are the National Day holidays, 10/10 (Saturday) a make-up working day, 10/8 the first working day.
    expect(r.data!.workingDayDeadline).toEqual({ dueOn: '2026-10-08', fallbackYears: [] });
    expect(r.data!.policyParameters.find((p) => p.name === 'waiting.fixedMonths')?.value).toBe(3);
  });

  it('health and metrics endpoints answer on every subgraph', async () => {
    for (const s of Object.values(stack.services)) {
      const base = s.url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        checks: { database: { ok: true }, kafka: { ok: true } },
      });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('outbox_backlog');
      expect(metrics).toContain('graphql_request_duration_seconds');
    }
    // the consumer catches up with everything on its topics (a fresh group starts from the beginning)
    const lagOf = async () => {
      const text = await (await fetch(`${stack.services.notification.url.replace(/\/graphql$/, '')}/metrics`)).text();
      return Number(/consumer_lag_test_\w+_notification_messages\{[^}]*\} (-?\d+)/.exec(text)?.[1] ?? NaN);
    };
    await eventually(async () => (await lagOf()) === 0, 60000, 'notification consumer lag 0');
  });
});
