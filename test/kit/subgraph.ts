import {
  type Identity,
  type RequestContext,
  type RunningService,
  type ServiceConfig,
  type Subgraph,
  type SubgraphOptions,
} from '@yibao/shared';
import { testServiceConfig } from './env';
import { subgraphClient, type GraphQLClient, type GraphQLResult } from './graphql';
import { CITY_STAFF } from './identities';

/**
 * One subgraph, started for real on its test database and Kafka, called over HTTP with the signed internal identity
 * the gateway would send; its application services and database are at hand for set-up and "nothing left behind"
 * checks.
 */
export class SubgraphHarness<App, Ctx extends RequestContext = RequestContext> {
  service!: RunningService<App>;
  client!: GraphQLClient;

  constructor(
    private readonly subgraph: Subgraph<App, Ctx>,
    private readonly options: { config?: Partial<ServiceConfig> } & SubgraphOptions = {},
  ) {}

  async start(): Promise<this> {
    const { config, ...options } = this.options;
    this.service = await this.subgraph.start({ ...testServiceConfig(this.subgraph.name), ...config }, options);
    this.client = subgraphClient(this.service.url);
    return this;
  }

  stop(): Promise<void> {
    return this.service.stop();
  }

  get app(): App {
    return this.service.app;
  }

  gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as: Identity = CITY_STAFF,
  ): Promise<GraphQLResult<T>> {
    return this.client.request<T>(query, variables, as);
  }

  /** Rows of a table, for "nothing left behind" checks. */
  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.service.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return (row as { n: number }).n;
  }

  /** Outbox events written for a person (the subject), oldest first: what integrators will receive. */
  async eventsOf(personId: string): Promise<Array<{ topic: string; data: Record<string, unknown> }>> {
    const rows: Array<{ topic: string; envelope: { data: Record<string, unknown> } }> =
      await this.service.runtime.dataSource.query(
        'SELECT topic, envelope FROM outbox WHERE message_key = $1 ORDER BY seq',
        [personId],
      );
    return rows.map((r) => ({ topic: r.topic, data: r.envelope.data }));
  }
}
