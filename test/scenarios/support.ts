import { CORRELATION_HEADER, SettableClock, type Identity } from '@yibao/shared';
import { CITY_STAFF, TopicProbe, bearer, gql } from '@yibao/test-kit';
import { startStack, type ServiceName, type Stack } from '@yibao/test-kit/stack';

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
  /**
   * A call like `call`, sent with `x-correlation-id: cause`: the events the call causes carry it as their CloudEvents
   * `correlationid`, so a scenario can say which act caused which event.
   */
  act<T>(cause: string, query: string, variables?: Record<string, unknown>, as?: Identity): Promise<T>;
}

export interface ScenarioOptions {
  /** A service's own settings beside the kit's, e.g. `{ notification: { SMS_QUIET_HOURS: 'off' } }`. */
  config?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** Starts the stack in `beforeAll` and stops it in `afterAll` of the calling `describe`. */
export function useScenario(startDate: string, options: ScenarioOptions = {}): Scenario {
  const clock = new SettableClock(startDate);
  const scenario = { clock } as Scenario;

  beforeAll(async () => {
    scenario.stack = await startStack({ clock, config: options.config });
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
  scenario.act = async <T>(
    cause: string,
    query: string,
    variables: Record<string, unknown> = {},
    as: Identity = CITY_STAFF,
  ) => {
    const r = await gql<T>(scenario.stack.gateway.url, query, variables, {
      ...(await bearer(as)),
      [CORRELATION_HEADER]: cause,
    });
    expect(r.errors).toBeUndefined();
    return r.data as T;
  };
  return scenario;
}
