import { Client } from 'pg';
import { BenefitsHarness, active, newId, person, registered } from './harness';

/**
 * DataLoader per request: the benefits fields of N persons in one `_entities` call (as the gateway sends them) cost
 * a constant number of SQL queries, whatever N. Counted at the pg driver, leaving out the relay's and the consumer's
 * own outbox/inbox polling.
 */
const h = new BenefitsHarness();

beforeAll(() => h.start());
afterAll(() => h.stop());

const ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Person {
      id
      benefitStatus { status }
      waitingPeriods { coveredFrom }
      contributionYears { cumulativeMonths }
      continuity { continuousMonths lapsed }
      coverageLedger { month }
      personalAccount { balanceFen }
      incentive { raiseSteps }
      retirement(group: MALE_60) { sufficient }
    }
  }
}`;

async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const original = Client.prototype.query;
  const counting = function (this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (
      !/\b(outbox|inbox|consumer_attempt)\b/i.test(text) &&
      !/^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)/i.test(text.trim())
    )
      queries.push(text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = counting as typeof Client.prototype.query;
  try {
    return { result: await fn(), queries };
  } finally {
    Client.prototype.query = original;
  }
}

async function persons(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = newId();
    await h.deliver('person-registered', p, person(p));
    await h.deliver(
      'relation-registered',
      p,
      registered(active(p, { periodYear: 2026, startDate: '2026-01-01' }), '2025-11-01'),
    );
    ids.push(p);
  }
  return ids;
}

it('the benefits fields of 2 or 8 persons cost the same number of SQL queries', async () => {
  const ask = async (ids: string[]) =>
    countQueries(() => h.gql(ENTITIES, { reps: ids.map((id) => ({ __typename: 'Person', id })) }));
  const small = await persons(2);
  const large = await persons(8);
  // the consumer stops first: events other suites leave on the topics would otherwise be counted too
  for (const c of h.service.consumers) await c.stop();
  const two = await ask(small);
  const eight = await ask(large);
  expect(two.result.errors).toBeUndefined();
  expect(eight.result.errors).toBeUndefined();
  expect((eight.result.data as { _entities: unknown[] })._entities).toHaveLength(8);
  expect(eight.queries.length).toBe(two.queries.length);
  expect(eight.queries.length).toBeLessThanOrEqual(12);
});
