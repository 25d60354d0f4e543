import { SettableClock, type Identity } from '@yibao/shared';
import { CITY_STAFF, TopicProbe, bearer, gql } from '@yibao/test-kit';
import { startStack, type Stack } from '@yibao/test-kit/stack';

/**
 * What every scenario (issue 10) needs: the whole stack (four subgraphs and the gateway on the real Kafka and
 * PostgreSQL) on one settable clock, so a life can pass a year end; calls through the gateway as any identity,
 * failing the test on a GraphQL error; a probe of the topics the scenario asserts.
 */
export interface Scenario {
  clock: SettableClock;
  stack: Stack;
  /** A call through the gateway as `as` (the city centre's clerk unless told): data, or the test fails. */
  call<T>(query: string, variables?: Record<string, unknown>, as?: Identity): Promise<T>;
  /** A call through the gateway that must be refused: the errors, or the test fails. */
  refused(
    query: string,
    variables?: Record<string, unknown>,
    as?: Identity,
  ): Promise<Array<{ message: string; extensions?: Record<string, unknown> }>>;
  /** A probe of the given topics, started now (stop it in `finally`). */
  probe(topics: string[]): Promise<TopicProbe>;
}

/** Starts the stack in `beforeAll` and stops it in `afterAll` of the calling `describe`. */
export function useScenario(startDate: string): Scenario {
  const clock = new SettableClock(startDate);
  const scenario = { clock } as Scenario;

  beforeAll(async () => {
    scenario.stack = await startStack({ clock });
  });
  afterAll(async () => {
    await scenario.stack?.stop();
  });

  scenario.call = async <T>(query: string, variables: Record<string, unknown> = {}, as: Identity = CITY_STAFF) => {
    const r = await gql<T>(scenario.stack.gateway.url, query, variables, await bearer(as));
    expect(r.errors).toBeUndefined();
    return r.data as T;
  };
  scenario.refused = async (query, variables = {}, as = CITY_STAFF) => {
    const r = await gql(scenario.stack.gateway.url, query, variables, await bearer(as));
    expect(r.errors?.length).toBeGreaterThan(0);
    return r.errors as Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  scenario.probe = (topics) => new TopicProbe(topics).start();
  return scenario;
}
