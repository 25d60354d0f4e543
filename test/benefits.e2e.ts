import { addMonths, chinaToday } from '@yibao/shared';
import { CITY_STAFF, bearer, eventually, gql, personIdentity, residentId } from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * An enrollment registration reaches benefits through Kafka, and the federated Person shows the benefits fields next
 * to enrollment's. The stack runs on the real clock: dates are relative to today.
 */
const TODAY = chinaToday();
const YEAR_START = `${TODAY.slice(0, 4)}-01-01`;

describe('benefits through the gateway and Kafka', () => {
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

  it('B7: a first household registration outside the centralised period waits the fixed months; Person shows it with its explanation', async () => {
    const { registerPerson } = await call<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: { idNumber: residentId('19850615', '120104', 731), name: '钱待遇', householdRegion: '120104' } },
    );
    const personId = registerPerson.id;
    await call('mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }', {
      input: {
        personId,
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120104',
        unitCode: 'HH120104001',
        unitName: '南开区家庭虚拟户',
        startDate: YEAR_START,
      },
    });

    type View = {
      person: {
        name: string;
        relations: Array<{ scheme: string; status: string }>;
        benefitStatus: { status: string; rule: string };
        waitingPeriods: Array<{
          rule: string;
          waitingMonths: number;
          coveredFrom: string;
          explanation: Array<{ en: string }>;
        }>;
        continuity: { hasHistory: boolean; gapMonths: number };
        contributionYears: { cumulativeMonths: number };
        retirement: { date: { retirementDate: string; delayMonths: number } } | null;
      };
    };
    const query = `query ($id: ID!) { person(id: $id) {
      name relations { scheme status }
      benefitStatus { status rule }
      waitingPeriods { rule waitingMonths coveredFrom explanation { en } }
      continuity { hasHistory gapMonths }
      contributionYears { cumulativeMonths }
      retirement(group: MALE_60) { date { retirementDate delayMonths } }
    } }`;
    const view = await eventually(
      async () => {
        const d = await call<View>(query, { id: personId });
        // person-registered and relation-registered travel on two topics: wait for both
        return d.person.waitingPeriods.length > 0 && d.person.retirement ? d : null;
      },
      30000,
      'the waiting period answered by benefits',
    );
    expect(view.person.name).toBe('钱待遇');
    expect(view.person.relations).toEqual([{ scheme: 'RESIDENT', status: 'ACTIVE' }]);
    expect(view.person.waitingPeriods[0]).toMatchObject({
      rule: 'B7',
      waitingMonths: 3,
      coveredFrom: addMonths(TODAY, 3),
    });
    expect(view.person.waitingPeriods[0]!.explanation.map((s) => s.en)).toContainEqual(
      expect.stringMatching(/^waiting period = fixed 3 \+ variable 0 − repaired 0 = 3 months from .* → covered from /),
    );
    expect(view.person.benefitStatus).toEqual({ status: 'WAITING', rule: 'B7' });
    // today the relation itself is the history: covered up to now, no gap
    expect(view.person.continuity).toEqual({ hasHistory: true, gapMonths: 0 });
    expect(view.person.contributionYears.cumulativeMonths).toBe(0);
    // born 1985-06-15, a man: 60 in 2045-06 → 2045-06 is 245 months after 2025-01 → +36 months (the cap)
    expect(view.person.retirement?.date).toEqual({ retirementDate: '2048-06-15', delayMonths: 36 });

    // the person reads their own benefits; another person may not
    const own = await gql(stack.gateway.url, query, { id: personId }, await bearer(personIdentity(personId)));
    expect(own.errors).toBeUndefined();
    const other = await gql(
      stack.gateway.url,
      `query ($id: ID!) { person(id: $id) { benefitStatus { status } } }`,
      { id: personId },
      await bearer(personIdentity('00000000-0000-4000-8000-000000000001')),
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
