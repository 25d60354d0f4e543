import { chinaToday } from '@yibao/shared';
import { CITY_STAFF, bearer, eventually, gql } from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/** A clerk's day through the gateway: employer, person, relations, 即参即停, and what the person is told. */
// The stack runs on the real clock: dates are this year's, so the scenario holds whatever year CI runs in.
const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;

describe('enrollment through the gateway and Kafka', () => {
  let stack: Stack;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    auth = await bearer(CITY_STAFF);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function call<T>(query: string, variables: Record<string, unknown> = {}, headers = auth): Promise<T> {
    const r = await gql<T>(stack.gateway.url, query, variables, headers);
    expect(r.errors).toBeUndefined();
    return r.data as T;
  }

  it('E1: hiring a household resident suspends the resident relation at once; the clerk sees why, the person is told (N2)', async () => {
    await gql(
      stack.gateway.url,
      'mutation { registerEmployer(input: { creditCode: "91120116MA05B00029", name: "天津乙制造有限公司", district: "120116" }) { id } }',
      {},
      auth,
    );
    const { registerPerson } = await call<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber: '120116199203154515', name: '赵小明', mobile: '13920001234', householdRegion: '120116' } },
    );
    const personId = registerPerson.id;
    const register = `mutation ($input: RegisterRelationInput!) {
      registerRelation(input: $input) { relation { id status } suspended { id status } warnings { rule } } }`;
    const resident = await call<{ registerRelation: { relation: { id: string } } }>(register, {
      input: {
        personId,
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120116',
        unitCode: 'HH120116001',
        unitName: '滨海新区家庭虚拟户',
        startDate: YEAR_START,
      },
    });
    const hired = await call<{
      registerRelation: { relation: { status: string }; suspended: Array<{ id: string; status: string }> };
    }>(register, {
      input: {
        personId,
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        regionCode: '120116',
        unitCode: '91120116MA05B00029',
        startDate: TODAY,
      },
    });
    expect(hired.registerRelation.relation.status).toBe('ACTIVE');
    expect(hired.registerRelation.suspended).toEqual([
      { id: resident.registerRelation.relation.id, status: 'SUSPENDED' },
    ]);

    const view = await eventually(
      async () => {
        const d = await call<{
          person: {
            relations: Array<{
              scheme: string;
              status: string;
              history: Array<{ cause: string; actor: { subject: string } }>;
            }>;
            messages: Array<{ rule: string; title: string }>;
          };
        }>(
          `query ($id: ID!) { person(id: $id) {
           relations { scheme status history { cause actor { subject } } }
           messages { rule title } } }`,
          { id: personId },
        );
        return d.person.messages.length >= 4 ? d.person : undefined;
      },
      30000,
      'messages for every change',
    );
    const residentView = view.relations.find((r) => r.scheme === 'RESIDENT')!;
    expect(residentView.status).toBe('SUSPENDED');
    expect(residentView.history.map((h) => h.cause)).toEqual(['REGISTRATION', 'E1']);
    expect(residentView.history[1]!.actor.subject).toBe(CITY_STAFF.subject);
    expect(view.messages.map((m) => m.title)).toEqual(
      expect.arrayContaining(['参保人信息已登记', '参保登记成功', '参保关系已暂停']),
    );
  });

  it('E3: a refusal through the gateway names the rule and what to do next, in both languages', async () => {
    const { registerPerson } = await call<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber: '12011619940506661X', name: '钱小红' } },
    );
    const register =
      'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }';
    await call(register, {
      input: {
        personId: registerPerson.id,
        scheme: 'EMPLOYEE',
        employeeCategory: 'FLEXIBLE',
        regionCode: '120116',
        unitCode: 'FLEX120116',
        startDate: YEAR_START,
      },
    });
    const refused = await gql(
      stack.gateway.url,
      register,
      {
        input: {
          personId: registerPerson.id,
          scheme: 'RESIDENT',
          residentCategory: 'HOUSEHOLD',
          regionCode: '120116',
          unitCode: 'HH120116001',
          startDate: TODAY,
        },
      },
      auth,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_REFUSED',
      rule: 'E3',
      nextStep: { zh: expect.any(String), en: expect.any(String) },
    });
  });
});
