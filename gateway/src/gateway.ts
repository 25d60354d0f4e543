import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  CORRELATION_HEADER,
  ErrorCode,
  INTERNAL_IDENTITY_HEADER,
  createLogger,
  createMetrics,
  currentCorrelationId,
  metricsPlugin,
  signInternalIdentity,
  verifyAccessToken,
  withCorrelation,
  type Identity,
} from '@yibao/shared';
import express from 'express';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { GatewayConfig } from './config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SUPERGRAPH_PATH } = require('../compose.js') as { SUPERGRAPH_PATH: string };

interface GatewayContext {
  identity: Identity;
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
 * The one public GraphQL endpoint: verifies the caller's JWT, enforces depth and cost limits, plans the federated
 * query over the static supergraph, and forwards the identity to subgraphs in a signed internal header.
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
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: overrides[name] ?? url,
        // Node's own fetch (undici: kept-alive connections, pooled per subgraph) instead of the default
        // make-fetch-happen, whose HTTP-cache and retry layers cost milliseconds per subgraph call (bench/README.md).
        fetcher: (input, init) => fetch(input, init as RequestInit) as never,
        async willSendRequest({ request, context }) {
          if (!context.identity) return; // the gateway's own start-up calls
          request.http?.headers.set(
            INTERNAL_IDENTITY_HEADER,
            await signInternalIdentity(context.identity, config.INTERNAL_AUTH_SECRET),
          );
          request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
        },
      }),
  });

  const http = express();
  const server = createServer(http);
  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    validationRules: [
      maxDepthRule({ n: config.MAX_DEPTH, ignoreIntrospection: true, ...reportAsValidationError }),
      costLimitRule({ maxCost: config.MAX_COST, ignoreIntrospection: true, ...reportAsValidationError }),
    ],
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
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const header = req.header('authorization') ?? '';
        const token = /^Bearer (.+)$/i.exec(header)?.[1];
        const identity = token ? await verifyAccessToken(token, config.JWT_SECRET).catch(() => null) : null;
        if (!identity) {
          throw new GraphQLError('需要有效的访问令牌 / A valid bearer token is required', {
            extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
          });
        }
        return { identity, correlationId: currentCorrelationId() ?? 'none' };
      },
    }),
  );

  await new Promise<void>((resolve) => server.listen(config.PORT, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
    },
  };
}
