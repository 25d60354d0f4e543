import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SubgraphDataSource, subgraphClient, subgraphTarget } from './subgraph-source';

type Answer = { status: number; headers?: Record<string, string>; body: string };

/** What the stub subgraph answers, by path. */
const ANSWERS: Record<string, Answer> = {
  '/data': {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=60, public' },
    body: JSON.stringify({ data: { person: { id: 'p1', name: '张三' } }, extensions: { x: 1 } }),
  },
  '/errors': {
    status: 200,
    headers: { 'content-type': 'application/graphql-response+json', 'cache-control': 'no-store' },
    body: JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' }, path: ['a'] }] }),
  },
  '/private': {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'private, max-age=30' },
    body: JSON.stringify({ data: { a: 1 } }),
  },
  '/refused': {
    status: 401,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errors: [{ message: 'who?', extensions: { code: 'UNAUTHENTICATED' } }] }),
  },
  '/forbidden': { status: 403, headers: { 'content-type': 'text/plain' }, body: 'go away' },
  '/broken': { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>boom</h1>' },
  '/bad-request': {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errors: [{ message: 'Syntax Error' }] }),
  },
  '/text': { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' },
  '/untyped': { status: 200, body: JSON.stringify({ data: { a: 1 } }) },
  '/array': { status: 200, headers: { 'content-type': 'application/json' }, body: '[1,2]' },
};

describe("the gateway's subgraph data source (node:http, kept-alive connections)", () => {
  let server: Server;
  let base: string;
  const sockets = new Set<unknown>();
  const seen: Array<{ path?: string; method?: string; headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ path: req.url, method: req.method, headers: req.headers, body });
        if (req.url === '/slow') return; // never answers
        const answer = ANSWERS[req.url ?? ''] ?? ANSWERS['/data']!;
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  type Context = { identity?: string; correlationId?: string };
  const callerHeaders = (context: Context) =>
    context.identity
      ? { 'x-yibao-identity': context.identity, 'x-correlation-id': context.correlationId ?? '' }
      : undefined;

  /** An operation as Apollo Gateway's executor hands it over, with a cache policy that records its hints. */
  function operation(context: Context, hints: unknown[]): GraphQLDataSourceProcessOptions<Context> {
    return {
      kind: 'incoming operation',
      request: {
        query: 'query($id: ID!) { person(id: $id) { id name } }',
        variables: { id: 'p1' },
        operationName: 'P',
      },
      context,
      incomingRequestContext: { context, overallCachePolicy: { restrict: (hint: unknown) => hints.push(hint) } },
    } as unknown as GraphQLDataSourceProcessOptions<Context>;
  }

  /** What a data source made of one answer, and what the subgraph saw of the call. */
  async function outcome(source: GraphQLDataSource<Context>, context: Context) {
    const hints: unknown[] = [];
    let result: unknown;
    let error: { type: string; message: string; extensions?: Record<string, unknown> } | undefined;
    try {
      result = { ...(await source.process(operation(context, hints))), http: undefined };
    } catch (e) {
      const { constructor, message, extensions } = e as Error & { extensions?: { response?: object } };
      const copy = extensions && JSON.parse(JSON.stringify(extensions));
      delete copy?.response?.url; // Apollo names the subgraph's URL; ours does not (see below)
      error = { type: constructor.name, message, extensions: copy };
    }
    const call = seen.at(-1)!;
    const sent = {
      path: call.path,
      method: call.method,
      contentType: call.headers['content-type'],
      identity: call.headers['x-yibao-identity'],
      correlationId: call.headers['x-correlation-id'],
      body: JSON.parse(call.body),
    };
    return { result, error, hints, sent };
  }

  it("sends what RemoteGraphQLDataSource sent and makes of every answer what it made (Apollo's, side by side)", async () => {
    const client = subgraphClient();
    try {
      const context = { identity: 'signed-identity', correlationId: 'corr-1' };
      for (const path of Object.keys(ANSWERS)) {
        const apollo = new RemoteGraphQLDataSource<Context>({
          url: `${base}${path}`,
          fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'],
          willSendRequest({ request, context }) {
            for (const [name, value] of Object.entries(callerHeaders(context) ?? {})) {
              request.http?.headers.set(name, value);
            }
          },
        });
        const ours = new SubgraphDataSource<Context>(`${base}${path}`, client, callerHeaders);
        const expected = await outcome(apollo, context);
        const actual = await outcome(ours, context);
        expect({ path, ...actual }).toEqual({ path, ...expected });
      }
    } finally {
      client.close();
    }
  });

  it('passes the answer on, with the identity and correlation id sent; refusals keep their codes', async () => {
    const client = subgraphClient();
    try {
      const ok = await outcome(new SubgraphDataSource<Context>(`${base}/data`, client, callerHeaders), {
        identity: 'token',
        correlationId: 'c-9',
      });
      expect(ok.result).toMatchObject({ data: { person: { id: 'p1', name: '张三' } }, extensions: { x: 1 } });
      expect(ok.hints).toEqual([{ maxAge: 60, scope: 'PUBLIC' }]);
      expect(ok.sent).toEqual({
        path: '/data',
        method: 'POST',
        contentType: 'application/json',
        identity: 'token',
        correlationId: 'c-9',
        body: {
          query: 'query($id: ID!) { person(id: $id) { id name } }',
          variables: { id: 'p1' },
          operationName: 'P',
        },
      });
      const refused = await outcome(new SubgraphDataSource<Context>(`${base}/refused`, client, callerHeaders), {});
      expect(refused.sent.identity).toBeUndefined(); // no caller (the gateway's own call): no identity
      expect(refused.error).toMatchObject({
        type: 'GraphQLError',
        message: '401: Unauthorized',
        extensions: { code: 'UNAUTHENTICATED', response: { status: 401 } },
      });
      const forbidden = await outcome(new SubgraphDataSource<Context>(`${base}/forbidden`, client), {});
      expect(forbidden.error?.extensions).toMatchObject({ code: 'FORBIDDEN', response: { body: 'go away' } });
    } finally {
      client.close();
    }
  });

  it("a refusal does not name the subgraph's address (its code, and so the error, is shown to clients)", async () => {
    const client = subgraphClient();
    try {
      const source = new SubgraphDataSource<Context>(`${base}/refused`, client, callerHeaders);
      const error = await source.process(operation({}, [])).catch((e: unknown) => e);
      expect(JSON.stringify(error)).not.toContain('127.0.0.1');
      expect(JSON.stringify(error)).not.toContain(base);
    } finally {
      client.close();
    }
  });

  it('reuses one connection for calls one after another', async () => {
    const client = subgraphClient();
    try {
      const source = new SubgraphDataSource<Context>(`${base}/data`, client);
      sockets.clear();
      for (let i = 0; i < 5; i++) await source.process(operation({}, []));
      expect(sockets.size).toBe(1);
    } finally {
      client.close();
    }
  });

  it('a subgraph that does not answer in time, or cannot be reached, is an error', async () => {
    const client = subgraphClient({ timeoutMs: 200 });
    try {
      const slow = new SubgraphDataSource<Context>(`${base}/slow`, client);
      await expect(slow.process(operation({}, []))).rejects.toThrow(/timed out after 200 ms/);
      const nobody = new SubgraphDataSource<Context>('http://127.0.0.1:1/graphql', client);
      await expect(nobody.process(operation({}, []))).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      client.close();
    }
  });

  it('takes an http: URL apart once, and refuses any other at once (the client is node:http)', () => {
    expect(subgraphTarget('http://enrollment:4001/graphql?x=1')).toEqual({
      url: 'http://enrollment:4001/graphql?x=1',
      hostname: 'enrollment',
      port: 4001,
      path: '/graphql?x=1',
    });
    expect(subgraphTarget('http://[::1]/graphql')).toMatchObject({ hostname: '::1', port: 80, path: '/graphql' });
    expect(() => new SubgraphDataSource('https://enrollment.internal/graphql', subgraphClient())).toThrow(
      /only http: URLs are supported/,
    );
  });
});
