import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  CORRELATION_HEADER,
  ErrorCode,
  INTERNAL_IDENTITY_HEADER,
  createLogger,
  createMetrics,
  currentCorrelationId,
  metricsPlugin,
  publicError,
  internalIdentitySigner,
  withCorrelation,
  type CallOrigin,
  type Identity,
} from '@yibao/shared';
import express from 'express';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { GatewayConfig } from './config';
import { subgraphFetcher } from './subgraph-fetch';
import { authenticate, callerOf, guardErrors, limitBatches, rateLimitPerCaller } from './limits';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SUPERGRAPH_PATH } = require('../compose.js') as { SUPERGRAPH_PATH: string };

interface GatewayContext {
  identity: Identity;
  origin: CallOrigin;
  correlationId: string;
}

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
  const subgraphs = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: overrides[name] ?? url,
        // node:http over kept-alive pooled connections, instead of the default make-fetch-happen (an HTTP cache and
        // retry layer) or Node's fetch (undici's web streams and abort signals): see subgraph-fetch.ts, bench/README.md
        fetcher: subgraphs.fetch,
        async willSendRequest({ request, context }) {
          if (!context.identity) return; // the gateway's own start-up calls
          request.http?.headers.set(INTERNAL_IDENTITY_HEADER, await internalIdentity(context.identity, context.origin));
          request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
        },
      }),
  });

  const http = express();
  http.set('trust proxy', config.TRUST_PROXY_HOPS);
  http.disable('x-powered-by');
  const server = createServer(http);
  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // a batch (a JSON array of operations) is allowed up to MAX_BATCH operations (limitBatches, below)
    allowBatchedHttpRequests: true,
    // graphql-js stops parsing at this many tokens: a huge document costs no more than that
    parseOptions: { maxTokens: config.MAX_TOKENS },
    validationRules: [
      maxDepthRule({ n: config.MAX_DEPTH, ignoreIntrospection: true, ...reportAsValidationError }),
      costLimitRule({ maxCost: config.MAX_COST, ignoreIntrospection: true, ...reportAsValidationError }),
      maxAliasesRule({ n: config.MAX_ALIASES, ...reportAsValidationError }),
    ],
    formatError: (formatted, error) => {
      if (production && !formatted.extensions?.code) logger.error({ err: error }, 'unexpected error');
      return publicError(formatted, production);
    },
    plugins: [
      metricsPlugin(metrics),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  http.get('/health', (_req, res) => {
    res.json({ service: 'gateway', status: 'ok' });
  });
  http.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  http.use(
    '/graphql',
    (req, _res, next) => withCorrelation(req.header(CORRELATION_HEADER) ?? undefined, () => next()),
    express.json({ limit: config.MAX_BODY_BYTES }),
    authenticate(config.JWT_SECRET),
    rateLimitPerCaller(config),
    limitBatches(config.MAX_BATCH),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const identity = callerOf(res);
        if (!identity) {
          throw new GraphQLError('需要有效的访问令牌 / A valid bearer token is required', {
            extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
          });
        }
        const origin = { ip: req.ip ?? null, userAgent: req.header('user-agent')?.slice(0, 512) ?? null };
        return { identity, origin, correlationId: currentCorrelationId() ?? 'none' };
      },
    }),
  );
  http.use(guardErrors(logger));

  await new Promise<void>((resolve) => server.listen(config.PORT, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
      subgraphs.close();
    },
  };
}
