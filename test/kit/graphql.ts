import type { Identity } from '@yibao/shared';
import { CITY_STAFF, bearer, internalIdentity } from './identities';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, unknown> & { code?: string; rule?: string };
  }>;
}

/** One GraphQL request over HTTP, with the given headers. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Calls one endpoint as an identity: the gateway with a token, a subgraph with the signed internal identity. */
export class GraphQLClient {
  constructor(
    readonly url: string,
    private readonly headersFor: (as: Identity | undefined) => Promise<Record<string, string>>,
    private readonly defaultIdentity?: Identity,
  ) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as: Identity | undefined = this.defaultIdentity,
  ): Promise<GraphQLResult<T>> {
    return gql<T>(this.url, query, variables, await this.headersFor(as));
  }
}

/** A client of the gateway; without an identity it calls anonymously. */
export function gatewayClient(url: string, defaultIdentity?: Identity): GraphQLClient {
  return new GraphQLClient(url, async (as) => (as ? bearer(as) : {}), defaultIdentity);
}

/** A client of a subgraph, as the gateway calls it (CITY_STAFF unless told). */
export function subgraphClient(url: string, defaultIdentity: Identity = CITY_STAFF): GraphQLClient {
  return new GraphQLClient(url, async (as) => (as ? internalIdentity(as) : {}), defaultIdentity);
}
