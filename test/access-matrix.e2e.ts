import { chinaToday, creditCodeCheckCharacter, type Identity } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  INTEGRATOR,
  SYSTEM,
  bearer,
  employerIdentity,
  gql,
  internalIdentity,
  personIdentity,
  residentId,
  type GraphQLResult,
} from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * The access matrix through the gateway with real tokens: every role × a read and a write of each subgraph, allowed
 * and refused (table-driven); and an insured person reading another person's data by every path the graph offers,
 * entity references included (`_entities` through the gateway and on each subgraph directly).
 */

const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;
const suffix = String(Date.now() % 10_000_000).padStart(7, '0');
const codeOf = (seq: string) => `91120104MA${seq}` + creditCodeCheckCharacter(`91120104MA${seq}`);
/** The employer A works for, and another one (B's). */
const creditCode = codeOf(suffix);
const otherCreditCode = codeOf(String((Number(suffix) + 1) % 10_000_000).padStart(7, '0'));

let stack: Stack;
const ids = { a: '', b: '', relationA: '', relationB: '', employer: '', idNumberA: '', idNumberB: '' };

type Outcome = 'ALLOWED' | 'FORBIDDEN';

/** Refused by the rules (FORBIDDEN anywhere in the answer), or allowed (whatever the operation then decided). */
function outcomeOf(r: GraphQLResult): Outcome | string {
  const codes = (r.errors ?? []).map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return 'FORBIDDEN';
  if (codes.includes('UNAUTHENTICATED')) return 'UNAUTHENTICATED';
  // a query the schema does not accept proves nothing about access
  if (codes.includes('GRAPHQL_VALIDATION_FAILED') || codes.includes('GRAPHQL_PARSE_FAILED')) return 'INVALID QUERY';
  return 'ALLOWED';
}

async function asCaller(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
  return gql(stack.gateway.url, query, variables, await bearer(identity));
}

beforeAll(async () => {
  stack = await startStack();
  const city = await bearer(CITY_STAFF);
  const must = async <T>(query: string, variables: Record<string, unknown>) => {
    const r = await gql<T>(stack.gateway.url, query, variables, city);
    expect(r.errors).toBeUndefined();
    return r.data as T;
  };
  for (const code of [creditCode, otherCreditCode]) {
    const e = await must<{ registerEmployer: { id: string } }>(
      'mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }',
      { input: { creditCode: code, name: `矩阵测试单位${code}`, district: '120104' } },
    );
    if (code === creditCode) ids.employer = e.registerEmployer.id;
  }
  for (const who of ['a', 'b'] as const) {
    const idNumber = residentId('19880808', '120104');
    const p = await must<{ registerPerson: { id: string } }>(
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber, name: `矩阵${who}${suffix}`, mobile: '13900001111', householdRegion: '120104' } },
    );
    ids[who] = p.registerPerson.id;
    ids[who === 'a' ? 'idNumberA' : 'idNumberB'] = idNumber;
    const r = await must<{ registerRelation: { relation: { id: string } } }>(
      'mutation($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }',
      {
        input: {
          personId: p.registerPerson.id,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120104',
          // A works for the employer; B does not
          unitCode: who === 'a' ? creditCode : otherCreditCode,
          startDate: YEAR_START,
        },
      },
    );
    ids[who === 'a' ? 'relationA' : 'relationB'] = r.registerRelation.relation.id;
  }
});

afterAll(async () => {
  await stack?.stop();
});

// ---------------------------------------------------------------------------------------------------------------------
// The matrix

const ROLES: Record<string, () => Identity> = {
  CITY_STAFF: () => CITY_STAFF,
  DISTRICT_STAFF: () => DISTRICT_STAFF,
  PERSON: () => personIdentity(ids.a),
  EMPLOYER: () => employerIdentity(creditCode),
  INTEGRATOR: () => INTEGRATOR,
  SYSTEM: () => SYSTEM,
};

interface Operation {
  subgraph: string;
  kind: 'read' | 'write';
  query: string;
  variables?: () => Record<string, unknown>;
  allowed: Array<keyof typeof ROLES>;
}

const NO_TRANSFER = '00000000-0000-4000-8000-000000000001';

const OPERATIONS: Operation[] = [
  {
    subgraph: 'enrollment',
    kind: 'read',
    query: 'query($id: ID!) { person(id: $id) { id name relations { id } } }',
    variables: () => ({ id: ids.a }),
    // an employer sees its staff member, not their relations
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'INTEGRATOR', 'SYSTEM'],
  },
  {
    subgraph: 'enrollment',
    kind: 'read',
    query: 'query($id: ID!) { person(id: $id) { id name } }',
    variables: () => ({ id: ids.a }),
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'EMPLOYER', 'INTEGRATOR', 'SYSTEM'],
  },
  {
    subgraph: 'enrollment',
    kind: 'read',
    query: '{ persons(first: 1) { nodes { id } } }',
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'SYSTEM'],
  },
  {
    subgraph: 'enrollment',
    kind: 'write',
    query: 'mutation { setCentralisedPeriod(forYear: 2033, from: "2032-09-01", to: "2032-12-31") { forYear } }',
    allowed: ['CITY_STAFF', 'SYSTEM'],
  },
  {
    subgraph: 'enrollment',
    kind: 'write',
    // allowed callers reach the rules (a duplicate notice id is fine: a redelivery changes nothing)
    query: `mutation($input: RegistrationNoticeInput!) { recordRegistrationNotice(input: $input) { duplicate } }`,
    variables: () => ({
      input: {
        externalId: `matrix-${suffix}`,
        idNumber: ids.idNumberB,
        registration: { scheme: 'RESIDENT', residentCategory: 'HOUSEHOLD', regionCode: '130102', startDate: TODAY },
      },
    }),
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'INTEGRATOR', 'SYSTEM'],
  },
  {
    subgraph: 'transfer',
    kind: 'read',
    query: 'query($id: ID!) { person(id: $id) { transfers { id } transferRecord { action } } }',
    variables: () => ({ id: ids.a }),
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'INTEGRATOR', 'SYSTEM'],
  },
  {
    subgraph: 'transfer',
    kind: 'write',
    query: `mutation { scanTransferDeadlines(on: "${TODAY}") { examined } }`,
    allowed: ['CITY_STAFF', 'SYSTEM'],
  },
  {
    subgraph: 'transfer',
    kind: 'write',
    // allowed callers get NOT_FOUND for a transfer that does not exist
    query: `mutation { cancelTransfer(transferId: "${NO_TRANSFER}", reason: { zh: "测试", en: "test" }) { id } }`,
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'SYSTEM'],
  },
  {
    subgraph: 'benefits',
    kind: 'read',
    query: '{ policyParameters { name } }',
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'EMPLOYER', 'INTEGRATOR', 'SYSTEM'],
  },
  {
    subgraph: 'benefits',
    kind: 'read',
    query: 'query($id: ID!) { person(id: $id) { contributionYears { cumulativeMonths } } }',
    variables: () => ({ id: ids.a }),
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'SYSTEM'],
  },
  {
    subgraph: 'benefits',
    kind: 'write',
    // the city centre reaches the rules (a past effective date is refused as BAD_USER_INPUT: nothing changes)
    query: `mutation { setBenefitParameter(input: { name: "waiting.fixedMonths", value: 3, effectiveFrom: "2020-01-01",
      source: "matrix", basis: NATIONAL, reason: "matrix" }) { name } }`,
    allowed: ['CITY_STAFF'],
  },
  {
    subgraph: 'notification',
    kind: 'read',
    query: '{ deadlineAlerts(first: 1) { pageInfo { hasNextPage } } }',
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'SYSTEM'],
  },
  {
    subgraph: 'notification',
    kind: 'write',
    query: 'mutation { markAllMessagesRead }',
    allowed: ['PERSON'],
  },
  {
    subgraph: 'notification',
    kind: 'read',
    query: 'query($id: ID!) { person(id: $id) { messages { id } } }',
    variables: () => ({ id: ids.a }),
    allowed: ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'SYSTEM'],
  },
  ...['enrollment', 'transfer', 'benefits', 'notification'].map((subgraph): Operation => ({
    subgraph,
    kind: 'read',
    query: `{ ${subgraph}AuditLog(first: 1) { hasNextPage } }`,
    allowed: ['CITY_STAFF'],
  })),
];

const CASES = OPERATIONS.flatMap((op) =>
  Object.keys(ROLES).map((role) => ({
    ...op,
    role,
    expected: (op.allowed as string[]).includes(role) ? 'ALLOWED' : 'FORBIDDEN',
    name: `${op.subgraph} ${op.kind} ${op.query.replace(/\s+/g, ' ').slice(0, 60)}`,
  })),
);

describe('access matrix through the gateway (every role × reads and writes of each subgraph)', () => {
  it.each(CASES)('$role · $name → $expected', async ({ role, query, variables, expected }) => {
    const r = await asCaller(ROLES[role]!(), query, variables?.() ?? {});
    expect({ role, outcome: outcomeOf(r), errors: expected === 'ALLOWED' ? r.errors : undefined }).toMatchObject({
      role,
      outcome: expected,
    });
  });

  it('an integrator without the grant is refused what a granted one may call', async () => {
    const ungranted: Identity = { subject: 'other-province', role: 'INTEGRATOR', grants: [] };
    for (const q of ['{ policyParameters { name } }', `{ person(id: "${ids.a}") { id } }`]) {
      expect(outcomeOf(await asCaller(ungranted, q))).toBe('FORBIDDEN');
      expect(outcomeOf(await asCaller(INTEGRATOR, q))).toBe('ALLOWED');
    }
  });

  it('another district branch, another employer: refused their writes and masked reads', async () => {
    const hexi: Identity = { subject: 'clerk-hexi', role: 'DISTRICT_STAFF', district: '120103' };
    const terminate = await asCaller(
      hexi,
      'mutation($id: ID!) { terminateRelation(id: $id, reason: { zh: "测试" }) { id } }',
      { id: ids.relationB },
    );
    expect(outcomeOf(terminate)).toBe('FORBIDDEN');
    const read = await asCaller(hexi, 'query($id: ID!) { person(id: $id) { idNumber mobile } }', { id: ids.a });
    expect(read.data).toEqual({
      person: { idNumber: expect.stringMatching(/^\d{4}\*{10}\d{3}[\dX]$/), mobile: '139****1111' },
    });
    const otherEmployer = employerIdentity(otherCreditCode);
    expect(outcomeOf(await asCaller(otherEmployer, `{ person(id: "${ids.a}") { id } }`))).toBe('FORBIDDEN');
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// A person reading another person's data

describe("an insured person cannot read another person's data by any path the graph offers", () => {
  const a = () => personIdentity(ids.a);
  const leaks = (r: unknown) => {
    const text = JSON.stringify(r);
    return [ids.idNumberB, `矩阵b${suffix}`, ids.relationB].filter((s) => text.includes(s));
  };

  it('through the gateway: every root read that could name the other person', async () => {
    const paths: Array<[string, Record<string, unknown>]> = [
      ['query($id: ID!) { person(id: $id) { id name idNumber mobile } }', { id: ids.b }],
      ['query($n: String!) { personByIdNumber(idNumber: $n) { id name } }', { n: ids.idNumberB }],
      ['query($id: ID!) { relation(id: $id) { id person { name idNumber } } }', { id: ids.relationB }],
      [
        'query($id: ID!) { person(id: $id) { transfers { id } transferRecord { action } messages { id } } }',
        { id: ids.b },
      ],
      ['{ persons(first: 100) { nodes { id name idNumber } } }', {}],
      [`query($c: String!) { employerByCreditCode(creditCode: $c) { staff { person { name } } } }`, { c: creditCode }],
      ['{ enrollmentAuditLog(first: 100) { nodes { targetId } } }', {}],
    ];
    for (const [query, variables] of paths) {
      const r = await asCaller(a(), query, variables);
      expect({ query, outcome: outcomeOf(r), leaks: leaks(r.data) }).toEqual({
        query,
        outcome: 'FORBIDDEN',
        leaks: [],
      });
    }
    // their own data they read in full
    const own = await asCaller(a(), 'query($id: ID!) { person(id: $id) { idNumber relations { id } } }', { id: ids.a });
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({ person: { idNumber: ids.idNumberA, relations: [{ id: ids.relationA }] } });
  });

  it('_entities is not in the public API: the gateway refuses it before any subgraph sees it', async () => {
    const r = await asCaller(a(), 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', {
      r: [{ __typename: 'Person', id: ids.b }],
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(leaks(r)).toEqual([]);
  });

  it.each([
    ['enrollment', 'Person', '... on Person { id name idNumber mobile relations { id } }', () => ids.b],
    ['enrollment', 'InsuranceRelation', '... on InsuranceRelation { id person { name } }', () => ids.relationB],
    ['enrollment', 'Employer', '... on Employer { id staff { id } }', () => ids.employer],
    ['transfer', 'Person', '... on Person { transfers { id } transferRecord { action } }', () => ids.b],
    ['notification', 'Person', '... on Person { messages { id body } unreadMessageCount }', () => ids.b],
    [
      'benefits',
      'Person',
      '... on Person { contributionYears { actualMonths } personalAccount { balanceFen } }',
      () => ids.b,
    ],
  ] as const)(
    '_entities on the %s subgraph directly (%s): refused for another person',
    async (name, typename, selection, id) => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
      const r = await gql(
        stack.services[name].url,
        query,
        { r: [{ __typename: typename, id: id() }] },
        await internalIdentity(a()),
      );
      expect(outcomeOf(r)).toBe('FORBIDDEN');
      expect(leaks(r.data)).toEqual([]);
    },
  );
});
