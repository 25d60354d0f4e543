import { chinaToday, creditCodeCheckCharacter } from '@yibao/shared';
import {
  CITY_STAFF,
  DISTRICT_STAFF,
  INTEGRATOR,
  SYSTEM,
  countRows,
  employerIdentity,
  eventually,
  personIdentity,
  residentId,
  type GraphQLResult,
} from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * Transfers through the gateway: enrollment registers persons and relations, the transfer subgraph learns them from
 * enrollment's events (its projection), a transfer is applied for with the real commands, and who may read it is
 * decided by the transfer subgraph itself — through the gateway's query plan or on the subgraph's `_entities`.
 */
const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;
const TRANSFERS = `query ($id: ID!) { person(id: $id) { id name transfers { id direction sourceRegion } } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id transfers { id } } } }`;
const APPLY = `mutation ($input: TransferApplicationInput!) {
  applyForTransfer(input: $input) { id status direction mode openStep { step owner } } }`;

type PersonTransfers = { person: { id: string; transfers: Array<{ id: string }> } | null };

function expectForbidden(r: GraphQLResult<unknown>) {
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(r.errors?.[0]?.message).toMatch(/无权.* \/ .*you may not/);
}

describe('transfers through the gateway and Kafka', () => {
  let stack: Stack;
  let mine: string; // an employer's staff member with one transfer in (Beijing → Nankai)
  let other: string; // another person
  let transferId: string;
  const employerCode = '91120104MA0T80001';
  const creditCode = employerCode + creditCodeCheckCharacter(employerCode);

  async function call<T>(query: string, variables: Record<string, unknown>, as = CITY_STAFF): Promise<T> {
    const r = await stack.client.request<T>(query, variables, as);
    expect(r.errors).toBeUndefined();
    return r.data as T;
  }

  const register = async (idNumber: string, name: string, householdRegion = '120104') =>
    (
      await call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        { input: { idNumber, name, mobile: '13920005678', householdRegion } },
      )
    ).registerPerson.id;

  const registerRelation = async (input: Record<string, unknown>) =>
    (
      await call<{ registerRelation: { relation: { id: string } } }>(
        'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }',
        { input },
      )
    ).registerRelation.relation.id;

  /** Waits until the transfer subgraph's projection holds `n` relations of these persons. */
  const projected = (personIds: string[], n: number) =>
    eventually(
      async () =>
        (await countRows('transfer', 'SELECT count(*) AS n FROM projected_relation WHERE person_id = ANY($1)', [
          personIds,
        ])) === n,
      30000,
      'the projection of enrollment’s relations',
    );

  beforeAll(async () => {
    stack = await startStack();
    mine = await register(residentId('19880808', '120104', 801), '孙转移');
    other = await register(residentId('19880808', '120104', 802), '周他人');
    // the person works for an employer (which may therefore read the person, but not their transfers)
    const employer = await stack.client.request(
      'mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }',
      { input: { creditCode, name: '天津转移测试有限公司', district: '120104' } },
      CITY_STAFF,
    );
    expect(employer.errors).toBeUndefined();
    await registerRelation({
      personId: mine,
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      regionCode: '120104',
      unitCode: creditCode,
      startDate: TODAY,
    });
    await projected([mine], 1);
    // employee → employee from Beijing, applied for by the employer at the counter (T4), accepted (T5)
    const applied = await call<{ applyForTransfer: { id: string } }>(APPLY, {
      input: {
        personId: mine,
        sourceRegion: '110105',
        destinationRegion: '120104',
        mode: 'ONLINE',
        fromScheme: 'EMPLOYEE',
        toScheme: 'EMPLOYEE',
        channel: 'AGENCY_COUNTER',
        applicant: { kind: 'EMPLOYER', unitCode: creditCode },
        otherRegion: { status: 'TERMINATED' },
      },
    });
    transferId = applied.applyForTransfer.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a person reads their own transfers in a federated person query', async () => {
    const r = await stack.client.request<PersonTransfers>(TRANSFERS, { id: mine }, personIdentity(mine));
    expect(r.errors).toBeUndefined();
    expect(r.data!.person).toMatchObject({ id: mine, transfers: [{ id: transferId, sourceRegion: '110105' }] });
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

  it('T12: a person applies in the app and sees their own transfer timeline through the gateway, not another’s', async () => {
    const a = await register(residentId('19900214', '120104', 811), '孙一');
    const b = await register(residentId('19900214', '120104', 812), '周二');
    const household = (personId: string) =>
      registerRelation({
        personId,
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120104',
        unitCode: 'HH120104001',
        unitName: '南开区家庭虚拟户',
        startDate: YEAR_START,
      });
    const relationA = await household(a);
    await household(b);
    await projected([a, b], 2);

    // 外省市职工医保已终止 → 本市居民医保 (across schemes, T2), applied for by the person in the app (T4)
    const applied = await call<{ applyForTransfer: { id: string; status: string; direction: string } }>(
      APPLY,
      {
        input: {
          personId: a,
          sourceRegion: '130102',
          destinationRegion: '120104',
          mode: 'ONLINE',
          fromScheme: 'EMPLOYEE',
          toScheme: 'RESIDENT',
          channel: 'JIN_YIBAO_APP',
          otherRegion: { status: 'TERMINATED' },
        },
      },
      personIdentity(a),
    );
    expect(applied.applyForTransfer).toMatchObject({ status: 'ACCEPTED', direction: 'INBOUND' });
    const id = applied.applyForTransfer.id;

    // the person reads their own transfer and rights record, joined with enrollment's person and relation (T11)
    const view = await call<{
      person: {
        name: string;
        transfers: Array<Record<string, unknown>>;
        transferRecord: Array<{ transferId: string; toStatus: string }>;
      };
    }>(
      `query ($id: ID!) { person(id: $id) { name
         transfers { id status tianjinRelation { id status } timeline { action channel actor { role } } }
         transferRecord { transferId toStatus } } }`,
      { id: a },
      personIdentity(a),
    );
    expect(view.person.name).toBe('孙一');
    expect(view.person.transfers).toEqual([
      {
        id,
        status: 'ACCEPTED',
        tianjinRelation: { id: relationA, status: 'ACTIVE' },
        timeline: [{ action: 'APPLY', channel: 'JIN_YIBAO_APP', actor: { role: 'PERSON' } }],
      },
    ]);
    expect(view.person.transferRecord).toEqual([{ transferId: id, toStatus: 'ACCEPTED' }]);

    // another person reads neither the transfer nor the record
    const direct = await stack.client.request(
      'query ($id: ID!) { transfer(id: $id) { id } }',
      { id },
      personIdentity(b),
    );
    expectForbidden(direct);
    const record = await stack.client.request(
      'query ($id: ID!) { person(id: $id) { transferRecord { transferId } } }',
      { id: a },
      personIdentity(b),
    );
    expectForbidden(record);
    const own = await call<{ person: { transfers: unknown[]; transferRecord: unknown[] } }>(
      'query ($id: ID!) { person(id: $id) { transfers { id } transferRecord { transferId } } }',
      { id: b },
      personIdentity(b),
    );
    expect(own.person).toEqual({ transfers: [], transferRecord: [] });
  });
  it('T9/T11: an online outbound transfer: the Tianjin relation stays readable, the sheet is sealed and verifies', async () => {
    // household moved to Shijiazhuang: by E6's order the person no longer belongs in Tianjin, so may suspend (E15)
    const c = await register(residentId('19920301', '120104', 821), '吴三', '130102');
    const relation = await registerRelation({
      personId: c,
      scheme: 'RESIDENT',
      residentCategory: 'HOUSEHOLD',
      regionCode: '120104',
      unitCode: 'HH120104001',
      unitName: '南开区家庭虚拟户',
      startDate: YEAR_START,
    });
    // the person suspends the Tianjin resident relation (E15), the projection learns it (T5 for the source)
    const suspended = await stack.client.request(
      'mutation ($input: ApplySuspensionInput!) { applySuspension(input: $input) { relation { status } } }',
      { input: { relationId: relation, channel: 'JIN_YIBAO_APP' } },
      personIdentity(c),
    );
    expect(suspended.errors).toBeUndefined();
    await eventually(
      async () =>
        (await countRows(
          'transfer',
          "SELECT count(*) AS n FROM projected_relation WHERE relation_id = $1 AND status = 'SUSPENDED'",
          [relation],
        )) === 1,
      30000,
      'the suspension in the projection',
    );
    const applied = await call<{ applyForTransfer: { id: string; direction: string } }>(
      APPLY,
      {
        input: {
          personId: c,
          sourceRegion: '120104',
          destinationRegion: '130102',
          mode: 'ONLINE',
          fromScheme: 'RESIDENT',
          toScheme: 'EMPLOYEE',
          channel: 'NATIONAL_PLATFORM',
          otherRegion: { status: 'ACTIVE' },
        },
      },
      personIdentity(c),
    );
    const id = applied.applyForTransfer.id;
    expect(applied.applyForTransfer.direction).toBe('OUTBOUND');

    // T11: while it is open the source record is kept and read from enrollment through the graph
    const open = await call<{
      transfer: { sourceRecordKept: boolean; tianjinRelation: { id: string; status: string } };
    }>('query ($id: ID!) { transfer(id: $id) { sourceRecordKept tianjinRelation { id status } } }', { id });
    expect(open.transfer).toEqual({ sourceRecordKept: true, tianjinRelation: { id: relation, status: 'SUSPENDED' } });

    // T9: the Nankai branch completes the transfer-out and seals and uploads the sheet (no balance: completed)
    await call(
      'mutation ($id: ID!, $s: InfoSheetInput!) { completeTransferOut(transferId: $id, infoSheet: $s) { status } }',
      {
        id,
        s: {
          periods: [
            {
              from: YEAR_START,
              to: TODAY,
              scheme: 'RESIDENT',
              regionCode: '120104',
              unitName: '南开区家庭虚拟户',
              months: 1,
            },
          ],
          actualMonths: 1,
          deemedMonths: 0,
          accountBalanceFen: 0,
        },
      },
      DISTRICT_STAFF,
    );
    const sent = await call<{ sendInfoSheet: { status: string; infoSheet: { seal: { algorithm: string } } } }>(
      'mutation ($id: ID!) { sendInfoSheet(transferId: $id) { status infoSheet { seal { algorithm } } } }',
      { id },
      DISTRICT_STAFF,
    );
    expect(sent.sendInfoSheet).toEqual({ status: 'COMPLETED', infoSheet: { seal: { algorithm: 'Ed25519' } } });
    // the national platform reads the sealed sheet and verifies it
    const verified = await call<{ verifyInfoSheetSeal: { valid: boolean } }>(
      'query ($id: ID!) { verifyInfoSheetSeal(transferId: $id) { valid } }',
      { id },
      INTEGRATOR,
    );
    expect(verified.verifyInfoSheetSeal.valid).toBe(true);
  });
});
