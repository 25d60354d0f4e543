import { chinaToday } from '@yibao/shared';
import { eventually } from './support/kafka';
import { CITY_STAFF, gql, startStack, token, type Stack } from './support/stack';

/**
 * A transfer through the gateway: enrollment registers the person and the Tianjin relation, the transfer service
 * learns them from enrollment's events (its projection), the person applies in the app and reads their own transfer
 * and rights record (T12) — and nobody else's.
 */
const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;

function residentId(district: string, birth: string): string {
  const body = `${district}${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

describe('transfer through the gateway and Kafka', () => {
  let stack: Stack;
  let city: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    city = { authorization: `Bearer ${await token(CITY_STAFF)}` };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function call<T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<T> {
    const r = await gql<T>(stack.gateway.url, query, variables, headers);
    expect(r.errors).toBeUndefined();
    return r.data as T;
  }

  /** A Tianjin household resident registered in enrollment; returns the person and their PERSON token. */
  async function resident(
    name: string,
  ): Promise<{ personId: string; relationId: string; auth: Record<string, string> }> {
    const { registerPerson } = await call<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber: residentId('120104', '19900214'), name, mobile: '13920005678', householdRegion: '120104' } },
      city,
    );
    const { registerRelation } = await call<{ registerRelation: { relation: { id: string } } }>(
      'mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }',
      {
        input: {
          personId: registerPerson.id,
          scheme: 'RESIDENT',
          residentCategory: 'HOUSEHOLD',
          regionCode: '120104',
          unitCode: 'HH120104001',
          unitName: '南开区家庭虚拟户',
          startDate: YEAR_START,
        },
      },
      city,
    );
    const personToken = await token({
      subject: `person-${registerPerson.id}`,
      role: 'PERSON',
      personId: registerPerson.id,
    });
    return {
      personId: registerPerson.id,
      relationId: registerRelation.relation.id,
      auth: { authorization: `Bearer ${personToken}` },
    };
  }

  const APPLY = `mutation ($input: TransferApplicationInput!) {
    applyForTransfer(input: $input) { id status direction mode openStep { step owner } } }`;

  it('T12: a person applies in the app and sees their own transfer timeline through the gateway, not another’s', async () => {
    const a = await resident('孙一');
    const b = await resident('周二');
    // the transfer service learns both from enrollment's events
    const ds = stack.services.transfer.runtime.dataSource;
    await eventually(
      async () =>
        Number(
          (
            await ds.query('SELECT count(*)::int AS n FROM projected_relation WHERE person_id = ANY($1)', [
              [a.personId, b.personId],
            ])
          )[0].n,
        ) === 2,
      30000,
      'the projection of both residents',
    );

    // 外省市职工医保已终止 → 本市居民医保 (across schemes, T2), applied for by the person in the app (T4)
    const applied = await call<{
      applyForTransfer: { id: string; status: string; direction: string; openStep: { step: string; owner: string } };
    }>(
      APPLY,
      {
        input: {
          personId: a.personId,
          sourceRegion: '130102',
          destinationRegion: '120104',
          mode: 'ONLINE',
          fromScheme: 'EMPLOYEE',
          toScheme: 'RESIDENT',
          channel: 'JIN_YIBAO_APP',
          otherRegion: { status: 'TERMINATED' },
        },
      },
      a.auth,
    );
    expect(applied.applyForTransfer).toMatchObject({
      status: 'ACCEPTED',
      direction: 'INBOUND',
      openStep: { step: 'AWAIT_INFO_SHEET', owner: 'OTHER_REGION' },
    });
    const transferId = applied.applyForTransfer.id;

    // the person reads their own transfers and rights record, joined with enrollment's person and relation
    const view = await call<{
      person: {
        name: string;
        transfers: Array<{
          id: string;
          status: string;
          tianjinRelation: { id: string; status: string };
          timeline: Array<{ action: string; channel: string; actor: { role: string } }>;
        }>;
        transferRecord: Array<{ transferId: string; toStatus: string }>;
      };
    }>(
      `query ($id: ID!) { person(id: $id) { name
         transfers { id status tianjinRelation { id status } timeline { action channel actor { role } } }
         transferRecord { transferId toStatus } } }`,
      { id: a.personId },
      a.auth,
    );
    expect(view.person.name).toBe('孙一');
    expect(view.person.transfers).toEqual([
      {
        id: transferId,
        status: 'ACCEPTED',
        tianjinRelation: { id: a.relationId, status: 'ACTIVE' },
        timeline: [{ action: 'APPLY', channel: 'JIN_YIBAO_APP', actor: { role: 'PERSON' } }],
      },
    ]);
    expect(view.person.transferRecord).toEqual([{ transferId, toStatus: 'ACCEPTED' }]);

    // another person can read neither A's transfer nor A's record
    const direct = await gql(
      stack.gateway.url,
      'query ($id: ID!) { transfer(id: $id) { id timeline { action } } }',
      { id: transferId },
      b.auth,
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((direct.data as { transfer: unknown } | null)?.transfer ?? null).toBeNull();
    const theirs = await gql(
      stack.gateway.url,
      'query ($id: ID!) { person(id: $id) { transferRecord { transferId } } }',
      { id: a.personId },
      b.auth,
    );
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await call<{ person: { transfers: unknown[]; transferRecord: unknown[] } }>(
      'query ($id: ID!) { person(id: $id) { transfers { id } transferRecord { transferId } } }',
      { id: b.personId },
      b.auth,
    );
    expect(own.person).toEqual({ transfers: [], transferRecord: [] });

    // staff see it city-wide
    const staff = await call<{ transfer: { status: string; handlingDistrict: string } }>(
      'query ($id: ID!) { transfer(id: $id) { status handlingDistrict } }',
      { id: transferId },
      city,
    );
    expect(staff.transfer).toEqual({ status: 'ACCEPTED', handlingDistrict: '120104' });
  });
});
