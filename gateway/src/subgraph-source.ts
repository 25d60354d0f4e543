import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// not re-exported by the package's index; the same function RemoteGraphQLDataSource reads the header with
import { parseCacheControlHeader } from '@apollo/gateway/dist/datasources/parseCacheControlHeader';
import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** How long a subgraph call may take before the gateway gives up on it (socket idle, in ms). */
const SUBGRAPH_TIMEOUT_MS = 30_000;

/** What a subgraph answered: its status, the headers as Node parsed them (names in lower case) and the body. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Where a subgraph is, parsed once (node:http would parse a URL string again at every call). */
export interface SubgraphTarget {
  url: string;
  hostname: string;
  port: number;
  path: string;
}

/** A subgraph's URL as the client calls it; only `http:` (the client is node:http). */
export function subgraphTarget(url: string): SubgraphTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') {
    throw new Error(`subgraph URL ${url}: only http: URLs are supported (the gateway calls subgraphs with node:http)`);
  }
  return {
    url,
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), // an IPv6 address without its brackets
    port: Number(parsed.port || 80),
    path: `${parsed.pathname}${parsed.search}`,
  };
}

export interface SubgraphClient {
  /** POSTs `body` to the subgraph; resolves with whatever status it answered, rejects when no answer came. */
  post(target: SubgraphTarget, headers: Record<string, string>, body: string): Promise<SubgraphAnswer>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * The gateway's HTTP client for subgraph calls: Node's `http` with a kept-alive connection pool (64 connections per
 * subgraph, LIFO so the warm ones are reused), a socket-idle timeout, no HTTP cache, no redirects, no retries.
 * Node's `Agent` follows a subgraph's `Keep-Alive: timeout` hint, so it never reuses a connection the subgraph is
 * about to close. Node's global `fetch` (undici) did the same with an AbortSignal, web streams and a WebAssembly
 * parser per call, about a third of the gateway's CPU in a profile under load (bench/README.md).
 */
export function subgraphClient(options: { timeoutMs?: number; maxSockets?: number } = {}): SubgraphClient {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' });
  const timeoutMs = options.timeoutMs ?? SUBGRAPH_TIMEOUT_MS;
  const post = ({ url, hostname, port, path }: SubgraphTarget, headers: Record<string, string>, body: string) =>
    new Promise<SubgraphAnswer>((resolve, reject) => {
      const req = request({ hostname, port, path, method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(new Error(`subgraph call to ${url} timed out after ${timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** The headers a call carries for the context it is made in (none for the gateway's own calls, made without one). */
export type HeadersFor<TContext> = (
  context: TContext,
) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;

/**
 * One subgraph, as Apollo Gateway calls it: what `RemoteGraphQLDataSource` does for the gateway, without the
 * node-fetch `Headers` and `Request` it builds per call for hooks nobody overrides (3–4% of the gateway's CPU in a
 * profile, bench/README.md). The same request (POST, `content-type: application/json`, the headers Apollo passes —
 * a trace request — and `headersFor`'s, a body of `query`, `variables`, `operationName`, `extensions`), and the same
 * answer: a JSON object is the result; a status outside 2xx is a `GraphQLError` "status: text" with
 * UNAUTHENTICATED for 401 and FORBIDDEN for 403 and the subgraph's answer in `extensions.response` (without the
 * subgraph's URL, which is an internal address and these two codes are shown to clients in production); anything
 * else is an error; the answer's `Cache-Control` restricts the operation's cache policy. No APQ (the gateway never
 * turned it on).
 */
export class SubgraphDataSource<TContext extends Record<string, unknown>> implements GraphQLDataSource<TContext> {
  private readonly target: SubgraphTarget;

  /** Throws at once (the gateway's start-up) for a URL the client cannot call. */
  constructor(
    readonly url: string,
    private readonly client: Pick<SubgraphClient, 'post'>,
    private readonly headersFor: HeadersFor<TContext> = () => undefined,
  ) {
    this.target = subgraphTarget(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<SubgraphResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    if (request.http?.headers) {
      for (const [name, value] of request.http.headers) headers[name.toLowerCase()] = value;
    }
    headers['content-type'] = 'application/json';
    Object.assign(headers, await this.headersFor(options.context as TContext));
    const { query, variables, operationName, extensions } = request;
    const answer = await this.client.post(
      this.target,
      headers,
      JSON.stringify({ query, variables, operationName, extensions }),
    );
    if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(answer);
    const body = bodyOf(answer);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    }
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      // a subgraph that says no max-age makes the whole operation uncacheable
      if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(answer.headers['cache-control']));
    }
    return body as SubgraphResponse;
  }
}

/** JSON when the subgraph says it is (`application/json`, `application/graphql-response+json`), else the text. */
function bodyOf(answer: SubgraphAnswer): unknown {
  const type = answer.headers['content-type'];
  if (type && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))) {
    return JSON.parse(answer.body);
  }
  return answer.body;
}

function errorFromAnswer(answer: SubgraphAnswer): GraphQLError {
  const extensions: GraphQLErrorExtensions = {
    response: { status: answer.status, statusText: answer.statusText, body: bodyOf(answer) },
  };
  if (answer.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (answer.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${answer.status}: ${answer.statusText}`, { extensions });
}

function cacheHintOf(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const parsed = parseCacheControlHeader(header);
  const maxAge = parsed['max-age'];
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
  };
  if (parsed.private === true) hint.scope = 'PRIVATE';
  if (parsed.public === true) hint.scope = 'PUBLIC';
  return hint;
}
