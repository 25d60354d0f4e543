import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  CORRELATION_HEADER,
  acceptCorrelationId,
  ErrorCode,
  INTERNAL_IDENTITY_HEADER,
  createLogger,
  createMetrics,
  metricsPlugin,
  publicError,
  internalIdentitySigner,
  localUrl,
  type CallOrigin,
  type Identity,
} from '@yibao/shared';
import { json } from 'body-parser';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { GatewayConfig } from './config';
import { clientIp, header, send } from './http';
import { INTERNAL_ERROR, authenticator, batchRefusal, perCallerRateLimit, refusal, refusalOf } from './limits';
import { SubgraphDataSource, subgraphClient } from './subgraph-source';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SUPERGRAPH_PATH } = require('../compose.js') as { SUPERGRAPH_PATH: string };

type GatewayContext = {
  identity: Identity;
  origin: CallOrigin;
  correlationId: string;
};

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

/** graphql-armor throws by default, which Apollo turns into an internal error; report a validation error instead. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
};

/**
 * The one public GraphQL endpoint: verifies the caller's JWT, limits what one caller may ask (body size, rate per
 * caller, batch size, tokens, depth, cost, aliases), plans the federated query over the static supergraph, forwards
 * the identity (and the client's IP and user agent) to subgraphs in a signed internal header, and in production shows
 * clients no internal detail of an error.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createMetrics('gateway', { defaultMetrics: config.NODE_ENV !== 'test' });
  const overrides: Record<string, string | undefined> = {
    enrollment: config.ENROLLMENT_URL,
    transfer: config.TRANSFER_URL,
    benefits: config.BENEFITS_URL,
    notification: config.NOTIFICATION_URL,
  };
  // the caller's internal identity, signed once and reused for up to 20 s of its 60 (not once per subgraph call)
  const internalIdentity = internalIdentitySigner(config.INTERNAL_AUTH_SECRET);
  // the identity and correlation id of the caller a subgraph call is made for (the gateway's own calls have none)
  const callerHeaders = async (context: GatewayContext) => {
    if (!context.identity) return undefined; // the gateway's own calls (a health check) have no context
    return {
      [INTERNAL_IDENTITY_HEADER]: await internalIdentity(context.identity, context.origin),
      [CORRELATION_HEADER]: context.correlationId,
    };
  };
  // node:http over kept-alive pooled connections, one pool for the four subgraphs, called by the gateway's own data
  // source instead of RemoteGraphQLDataSource (a node-fetch Request and Headers per call, for hooks nobody uses) over
  // make-fetch-happen (an HTTP cache and retry layer) or Node's fetch (undici's web streams and abort signals): see
  // subgraph-source.ts, bench/README.md
  const subgraphs = subgraphClient();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => {
      const target = overrides[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new SubgraphDataSource<GatewayContext>(target, subgraphs, callerHeaders);
    },
  });

  const production = config.NODE_ENV === 'production';
  const authenticate = authenticator(config.JWT_SECRET);
  const rateLimit = perCallerRateLimit(config);
  // body-parser's JSON reader (as express.json() was): the size limit (413), charsets, gzip/deflate/br, strict JSON
  const readJson = promisify(json({ limit: config.MAX_BODY_BYTES })) as (
    req: IncomingMessage,
    res: ServerResponse,
  ) => Promise<void>;
  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger.error({ err }, 'unexpected error in the gateway');
      if (!res.headersSent) send(res, INTERNAL_ERROR);
      else res.destroy();
    });
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // a batch (a JSON array of operations) is allowed up to MAX_BATCH operations (batchRefusal, below)
    allowBatchedHttpRequests: true,
    // graphql-js stops parsing at this many tokens: a huge document costs no more than that
    parseOptions: { maxTokens: config.MAX_TOKENS },
    validationRules: [
      maxDepthRule({ n: config.MAX_DEPTH, ignoreIntrospection: true, ...reportAsValidationError }),
      costLimitRule({ maxCost: config.MAX_COST, ignoreIntrospection: true, ...reportAsValidationError }),
      maxAliasesRule({ n: config.MAX_ALIASES, ...reportAsValidationError }),
    ],
    formatError: (formatted) => publicError(formatted, production),
    plugins: [
      metricsPlugin(metrics),
      // an error of the gateway's own (no code of ours: a subgraph that cannot be reached, a bug) is logged with the
      // request's correlation id; a subgraph's errors carry their codes, and the subgraph has logged its own.
      // (formatError cannot do this: Apollo gives every error a code, INTERNAL_SERVER_ERROR at least, before it.)
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const err of errors) {
                const code = err.extensions?.code;
                if (code && code !== 'INTERNAL_SERVER_ERROR') continue;
                logger.error({ err, correlationId: contextValue?.correlationId }, 'unexpected error');
              }
            },
          };
        },
      },
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  /**
   * The gateway's HTTP layer: plain `node:http` in front of Apollo Server's `executeHTTPGraphQLRequest`. It was
   * Express (router, body-parser, express-rate-limit, the Express integration, ETag and content negotiation on every
   * answer): per request, that was work a GraphQL POST does not need (bench/README.md).
   */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const q = req.url?.indexOf('?') ?? -1;
    const path = q < 0 ? (req.url ?? '/') : req.url!.slice(0, q);
    if (path === '/graphql') {
      await graphql(req, res, q < 0 ? '' : req.url!.slice(q));
    } else if (path === '/health' && req.method === 'GET') {
      send(res, { status: 200, body: { service: 'gateway', status: 'ok' } });
    } else if (path === '/metrics' && req.method === 'GET') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
    } else {
      send(res, refusal(404, ErrorCode.NOT_FOUND, '没有这个地址', `no such path: ${req.method} ${path}`));
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    // The correlation id goes to the subgraphs in the context, not through AsyncLocalStorage (withCorrelation): the
    // gateway logs nothing per request that would need it implicitly, and once an AsyncLocalStorage has run, Node 20
    // hooks every promise of the process, of which Apollo's pipeline makes dozens a request (bench/README.md).
    const correlationId = acceptCorrelationId(header(req, CORRELATION_HEADER));
    try {
      await readJson(req, res);
    } catch (err) {
      send(res, refusalOf(err as { type?: string; status?: number }, logger));
      return;
    }
    const body = (req as IncomingMessage & { body?: unknown }).body;
    const identity = await authenticate(header(req, 'authorization'));
    const ip = clientIp(req, config.TRUST_PROXY_HOPS);
    const limited = await rateLimit.hit(identity, ip);
    for (const [name, value] of Object.entries(limited.headers)) res.setHeader(name, value);
    const refused = limited.refused ?? batchRefusal(body, config.MAX_BATCH);
    if (refused) {
      send(res, refused);
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search, body },
      context: async () => {
        if (!identity) {
          throw new GraphQLError('需要有效的访问令牌 / A valid bearer token is required', {
            extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
          });
        }
        const origin = { ip, userAgent: header(req, 'user-agent')?.slice(0, 512) ?? null };
        return { identity, origin, correlationId };
      },
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(config.PORT, config.LISTEN_HOST, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = localUrl(config.LISTEN_HOST, port, '/graphql');
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
      subgraphs.close();
      rateLimit.close();
    },
  };
}
