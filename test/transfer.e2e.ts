import { chinaToday, creditCodeCheckCharacter } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  INTEGRATOR,
  SYSTEM,
  employerIdentity,
  personIdentity,
  residentId,
  withTestDatabase,
  type GraphQLResult,
} from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * Who may read a person's transfers (转移接续): the person themselves, agency staff, the system and integrators —
 * never another person. The transfer subgraph decides it for itself, so `Person.transfers` is refused however the person was
 * reached: through the gateway's query plan or by calling the subgraph's `_entities` directly.
 */
const TRANSFERS = `query ($id: ID!) { person(id: $id) { id name transfers { id direction sourceRegion } } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id transfers { id } } } }`;

type PersonTransfers = { person: { id: string; transfers: Array<{ id: string }> } | null };

function expectForbidden(r: GraphQLResult<unknown>) {
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(r.errors?.[0]?.message).toMatch(/无权.* \/ .*you may not/);
}

describe('transfers are read by their person, staff and the system only (through the gateway and on the subgraph)', () => {
  let stack: Stack;
  let mine: string; // a person with one transfer
  let other: string; // another person
  let transferId: string;
  const employerCode = '91120104MA0T80001';
  const creditCode = employerCode + creditCodeCheckCharacter(employerCode);

  beforeAll(async () => {
    stack = await startStack();
    const register = async (idNumber: string, name: string) => {
      const r = await stack.client.request<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        { input: { idNumber, name } },
        CITY_STAFF,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.registerPerson.id;
    };
    mine = await register(residentId('19880808', '120104', 801), '孙转移');
    other = await register(residentId('19880808', '120104', 802), '周他人');
    // the person works for an employer (which may therefore read the person, but not their transfers)
    const employer = await stack.client.request(
      'mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }',
      { input: { creditCode, name: '天津转移测试有限公司', district: '120104' } },
      CITY_STAFF,
    );
    expect(employer.errors).toBeUndefined();
    const hired = await stack.client.request(
      'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }',
      {
        input: {
          personId: mine,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120104',
          unitCode: creditCode,
          startDate: chinaToday(),
        },
      },
      CITY_STAFF,
    );
    expect(hired.errors).toBeUndefined();
    // no transfer commands exist yet (the T rules are to come): the transfer is written into the subgraph's database
    transferId = await withTestDatabase('transfer', async (db) => {
      const { rows } = await db.query(
        `INSERT INTO transfer (person_id, direction, mode, status, source_region, destination_region)
         VALUES ($1, 'OUTBOUND', 'ONLINE', 'APPLIED', '120104', '110105') RETURNING id`,
        [mine],
      );
      return rows[0].id as string;
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a person reads their own transfers in a federated person query', async () => {
    const r = await stack.client.request<PersonTransfers>(TRANSFERS, { id: mine }, personIdentity(mine));
    expect(r.errors).toBeUndefined();
    expect(r.data!.person).toMatchObject({ id: mine, transfers: [{ id: transferId, sourceRegion: '120104' }] });
  });

  it("a person reading another person's transfers is refused (FORBIDDEN, bilingual) and sees none", async () => {
    const r = await stack.client.request<PersonTransfers>(TRANSFERS, { id: mine }, personIdentity(other));
    expectForbidden(r);
    expect(r.data?.person ?? null).toBeNull();
  });

  it('city and district staff, the system and integrators read anyone’s transfers', async () => {
    for (const staff of [CITY_STAFF, DISTRICT_STAFF, SYSTEM, INTEGRATOR]) {
      const r = await stack.client.request<PersonTransfers>(TRANSFERS, { id: mine }, staff);
      expect(r.errors).toBeUndefined();
      expect(r.data!.person!.transfers).toEqual([expect.objectContaining({ id: transferId })]);
    }
  });

  it('the transfer subgraph refuses by itself: an employer that may see its staff member gets no transfers', async () => {
    // enrollment lets the employer read the person, so the query plan reaches the transfer subgraph, which refuses
    const r = await stack.client.request<PersonTransfers>(TRANSFERS, { id: mine }, employerIdentity(creditCode));
    expectForbidden(r);
    expect(r.errors?.[0]?.path).toEqual(['person', 'transfers']);
    expect(JSON.stringify(r.data ?? null)).not.toContain(transferId);
  });

  it('on the subgraph, _entities with a PERSON identity: another person is refused, their own is read', async () => {
    const transfer = stack.subgraph('transfer');
    const reps = [{ __typename: 'Person', id: mine }];
    const refused = await transfer.request<{ _entities: unknown[] }>(ENTITIES, { reps }, personIdentity(other));
    expectForbidden(refused);
    expect(JSON.stringify(refused.data ?? null)).not.toContain(transferId);

    const own = await transfer.request<{ _entities: unknown[] }>(ENTITIES, { reps }, personIdentity(mine));
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities).toEqual([{ id: mine, transfers: [{ id: transferId }] }]);
  });
});
