import { chinaToday } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  INTEGRATOR,
  bearer,
  eventually,
  gql,
  personIdentity,
  residentId,
} from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/** A clerk's day through the gateway: employer, person, relations, 即参即停, and what the person is told. */
// The stack runs on the real clock: dates are this year's, so the scenario holds whatever year CI runs in.
const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;
const NEXT_YEAR = Number(TODAY.slice(0, 4)) + 1;

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
        // one message per change, from three topics (and benefits' waiting period from a fourth): Kafka orders nothing
        // across topics, so wait for the suspension's rather than for a count
        const titles = d.person.messages.map((m) => m.title);
        return titles.length >= 4 && titles.includes('参保关系已暂停') ? d.person : undefined;
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

  /** A person whose household and residence are in Shijiazhuang (E6 keeps nothing in Tianjin), born on `birth`. */
  async function personFromHebei(birth = '19920315'): Promise<string> {
    for (;;) {
      const r = await gql<{ registerPerson: { id: string } }>(
        stack.gateway.url,
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        {
          input: {
            idNumber: residentId(birth, '130102', Math.floor(Math.random() * 1000)),
            name: '孙小燕',
            householdRegion: '130102',
            residenceRegion: '130102',
          },
        },
        auth,
      );
      if (r.data?.registerPerson) return r.data.registerPerson.id;
      expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT'); // an ID number drawn before: draw again
    }
  }

  const register = `mutation ($input: RegisterRelationInput!) {
    registerRelation(input: $input) { relation { id status startDate periodYear } } }`;

  it('E15: a person suspends next year’s resident relation in the app: it ends on its own start, never an internal error', async () => {
    const personId = await personFromHebei();
    const next = await call<{ registerRelation: { relation: { id: string; startDate: string } } }>(register, {
      input: {
        personId,
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120116',
        unitCode: 'HH120116001',
        periodYear: NEXT_YEAR,
        startDate: TODAY,
      },
    });
    expect(next.registerRelation.relation.startDate).toBe(`${NEXT_YEAR}-01-01`);
    const asPerson = await bearer(personIdentity(personId));
    const applied = await call<{ applySuspension: { relation: { status: string; endDate: string } } }>(
      `mutation ($input: ApplySuspensionInput!) { applySuspension(input: $input) { relation { status endDate } } }`,
      { input: { relationId: next.registerRelation.relation.id, channel: 'JIN_YIBAO_APP' } },
      asPerson,
    );
    expect(applied.applySuspension.relation).toEqual({ status: 'SUSPENDED', endDate: `${NEXT_YEAR}-01-01` });
  });

  it('E4: a retiree’s application to suspend the employee relation is refused through the gateway with the rule and the next step; the relation stays ACTIVE', async () => {
    const personId = await personFromHebei('19580102');
    const retiree = await call<{ registerRelation: { relation: { id: string } } }>(register, {
      input: {
        personId,
        scheme: 'EMPLOYEE',
        employeeCategory: 'FLEXIBLE',
        retired: true,
        regionCode: '120116',
        unitCode: 'FLEX120116',
        startDate: YEAR_START,
      },
    });
    const relationId = retiree.registerRelation.relation.id;
    const refused = await gql(
      stack.gateway.url,
      `mutation ($input: ApplySuspensionInput!) { applySuspension(input: $input) { relation { status } } }`,
      { input: { relationId, channel: 'JIN_YIBAO_APP' } },
      await bearer(personIdentity(personId)),
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_REFUSED',
      rule: 'E4',
      reason: { zh: expect.stringContaining('正常参保'), en: expect.any(String) },
      nextStep: { zh: expect.any(String), en: expect.any(String) },
    });
    const after = await call<{ relation: { status: string; history: unknown[] } }>(
      'query ($id: ID!) { relation(id: $id) { status history { cause } } }',
      { id: relationId },
    );
    expect(after.relation).toEqual({ status: 'ACTIVE', history: [{ cause: 'REGISTRATION' }] });
  });

  it('E16: a consent signed online without the units authorises nothing until the agency completes it (completeConsent); then the platform’s notice suspends (先参后停)', async () => {
    const personId = await personFromHebei('19950720');
    const tianjin = await call<{ registerRelation: { relation: { id: string } } }>(register, {
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
    const { consentPromiseText } = await call<{ consentPromiseText: string }>('{ consentPromiseText }');
    const asPerson = await bearer(personIdentity(personId));
    const signed = await call<{ signConsent: { id: string; newUnitCode: string | null } }>(
      'mutation ($input: SignConsentInput!) { signConsent(input: $input) { id newUnitCode } }',
      {
        input: {
          personId,
          name: '孙小燕',
          phone: '13920005678',
          promiseText: consentPromiseText,
          signature: 'esign-e2e-1',
          channel: 'ONLINE',
        },
      },
      asPerson,
    );
    expect(signed.signConsent.newUnitCode).toBeNull();
    const { idNumber } = (
      await call<{ person: { idNumber: string } }>('query ($id: ID!) { person(id: $id) { idNumber } }', {
        id: personId,
      })
    ).person;
    const notice = (externalId: string) => ({
      input: {
        externalId,
        idNumber,
        registration: {
          scheme: 'RESIDENT',
          residentCategory: 'VILLAGE',
          regionCode: '130102',
          unitCode: 'SJZ-VILLAGE-E2E',
          unitName: '石家庄市某村',
          startDate: TODAY,
          registeredOn: TODAY,
        },
      },
    });
    const recordNotice = `mutation ($input: RegistrationNoticeInput!) {
      recordRegistrationNotice(input: $input) { notice { suspended why rule } suspended { id status } } }`;
    const platform = await bearer(INTEGRATOR);
    const early = await call<{ recordRegistrationNotice: { notice: { suspended: boolean; why: string } } }>(
      recordNotice,
      notice(`e2e-${personId}-1`),
      platform,
    );
    expect(early.recordRegistrationNotice.notice).toMatchObject({ suspended: false, why: 'CONSENT_INVALID' });

    const completed = await call<{ completeConsent: Record<string, unknown> }>(
      `mutation ($input: CompleteConsentInput!) {
         completeConsent(input: $input) { id originalUnitCode newUnitCode completedBy completedAt usedForRelationId } }`,
      {
        input: {
          consentId: signed.signConsent.id,
          originalUnitName: '滨海新区家庭虚拟户',
          originalUnitCode: 'HH120116001',
          newUnitName: '石家庄市某村',
          newUnitCode: 'SJZ-VILLAGE-E2E',
        },
      },
    );
    expect(completed.completeConsent).toMatchObject({
      originalUnitCode: 'HH120116001',
      newUnitCode: 'SJZ-VILLAGE-E2E',
      completedBy: CITY_STAFF.subject,
      completedAt: expect.any(String),
      usedForRelationId: null,
    });

    const done = await call<{
      recordRegistrationNotice: { notice: { suspended: boolean }; suspended: Array<{ id: string; status: string }> };
    }>(recordNotice, notice(`e2e-${personId}-2`), platform);
    expect(done.recordRegistrationNotice.suspended).toEqual([
      { id: tianjin.registerRelation.relation.id, status: 'SUSPENDED' },
    ]);
    // the person's own completion attempt is refused: the units are the agency's
    const byPerson = await gql(
      stack.gateway.url,
      'mutation ($input: CompleteConsentInput!) { completeConsent(input: $input) { id } }',
      {
        input: {
          consentId: signed.signConsent.id,
          originalUnitName: 'x',
          originalUnitCode: 'X',
          newUnitName: 'y',
          newUnitCode: 'Y',
        },
      },
      asPerson,
    );
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('E11: the equal-rank parameter is the city centre’s to set, with an audit record (who, when, old → new); a district branch may not', async () => {
    const mutation = `mutation ($input: SetPolicyParameterInput!) {
      setPolicyParameter(input: $input) { id name value previousValue effectiveFrom source changedBy { subject role } changedAt } }`;
    const input = {
      name: 'E11_EQUAL_RANK_OVERRIDES',
      value: true,
      effectiveFrom: `${NEXT_YEAR}-01-01`,
      source: '端到端测试：维持同层级覆盖',
    };
    const district = await gql(stack.gateway.url, mutation, { input }, await bearer(DISTRICT_STAFF));
    expect(district.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await call<{ setPolicyParameter: { id: string } & Record<string, unknown> }>(mutation, { input });
    expect(set.setPolicyParameter).toMatchObject({
      value: true,
      previousValue: true,
      effectiveFrom: `${NEXT_YEAR}-01-01`,
      changedBy: { subject: CITY_STAFF.subject, role: 'CITY_STAFF' },
      changedAt: expect.any(String),
    });
    const { policyParameterHistory } = await call<{ policyParameterHistory: Array<{ id: string }> }>(
      '{ policyParameterHistory(name: E11_EQUAL_RANK_OVERRIDES) { id value effectiveFrom source } }',
    );
    expect(policyParameterHistory.map((v) => v.id)).toContain(set.setPolicyParameter.id);
  });
});
