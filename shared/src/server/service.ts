import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext as ApolloBaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import { INTERNAL_IDENTITY_HEADER, internalCallVerifier, type CallOrigin, type Identity } from '../auth';
import { AuditLog, type AuditRecorder } from '../audit';
import type { Clock } from '../clock';
import { localUrl, type ServiceConfig } from '../config';
import { ErrorCode, INTERNAL_ERROR_MESSAGE, publicError } from '../errors';
import type { IdempotentConsumer } from '../inbox';
import { DEAD_LETTER_TOPIC } from '../events';
import { consumerLag, missingTopics, pingKafka } from '../kafka';
import { CORRELATION_HEADER, currentCorrelationId, withCorrelation, type Logger } from '../logging';
import { lazyGauge, metricsPlugin } from '../metrics';
import { createRuntime, type ServiceRuntime } from './runtime';

/** What every resolver receives: the verified caller, a logger and the correlation id. */
export interface RequestContext {
  identity: Identity;
  /** The client's IP address and user agent, as the gateway saw them (for the audit log). */
  origin?: CallOrigin;
  /** This request's audit acts, written by the kit when the response is ready (absent outside a server). */
  audit?: AuditRecorder;
  logger: Logger;
  correlationId: string;
}

export interface ServiceDefinition<Ctx extends RequestContext, App> {
  name: string;
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** buildSubgraphSchema(...) of the service's SDL and resolvers. */
  schema: GraphQLSchema;
  /** The service's clock (tests pass a settable one); the system's by default. */
  clock?: Clock;
  /** Application services of the service, built once. */
  createApp: (runtime: ServiceRuntime) => App;
  /** Per-request context: the base context plus the application services. */
  context: (base: RequestContext, app: App) => Ctx;
  /** Consumers of other services' topics. */
  consumers?: (runtime: ServiceRuntime, app: App) => IdempotentConsumer[];
  /** Extra work to start after the database is ready (jobs, schedulers); returns its stop function. */
  onStart?: (runtime: ServiceRuntime, app: App) => Promise<() => Promise<void>>;
}

export interface RunningService<App> {
  name: string;
  url: string;
  port: number;
  runtime: ServiceRuntime;
  app: App;
  consumers: IdempotentConsumer[];
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)),
  ]);
}

/**
 * Starts a subgraph: database (with its migrations) → Kafka producer and outbox relay → consumers → HTTP server with
 * /graphql, /health and /metrics. `stop()` stops taking requests, drains in-flight ones, stops consumers, flushes the
 * outbox once more and closes connections.
 */
export async function startService<Ctx extends RequestContext, App>(
  def: ServiceDefinition<Ctx, App>,
): Promise<RunningService<App>> {
  const { config } = def;
  const runtime = await createRuntime(def);
  const { logger, dataSource, kafka, relay, metrics } = runtime;
  const app = def.createApp(runtime);

  const consumers = def.consumers?.(runtime, app) ?? [];
  if (consumers.length > 0) {
    try {
      await requireTopics(runtime, topicsNeededBy(consumers));
    } catch (e) {
      await runtime.close();
      throw e;
    }
  }
  // events a handler writes (notification-sent, waiting-period-assigned…) leave when its transaction commits, as a
  // command's do, rather than at the relay's next poll
  for (const c of consumers) {
    c.afterCommit((m) => {
      if (runtime.outbox.wroteIn(m)) relay.kick();
    });
  }
  for (const c of consumers) await c.start(kafka, config.KAFKA_GROUP_PREFIX, config.KAFKA_FROM_BEGINNING);
  const stopExtra = (await def.onStart?.(runtime, app)) ?? (async () => undefined);

  lazyGauge(metrics.registry, 'outbox_backlog', 'Outbox events not yet published', () => relay.backlog());
  for (const c of consumers) {
    lazyGauge(
      metrics.registry,
      `consumer_lag_${c.groupId.replace(/[^a-zA-Z0-9_]/g, '_')}`,
      `Kafka consumer lag of ${c.groupId}`,
      () => consumerLag(kafka, c.groupId, c.topics, config.KAFKA_FROM_BEGINNING),
    );
  }

  const auditLog = new AuditLog(dataSource, runtime.clock, logger);
  // the gateway reuses a caller's internal identity for up to 20 s: verified once, remembered until it expires
  const verifyInternalCall = internalCallVerifier(config.INTERNAL_AUTH_SECRET);

  const http = express();
  http.disable('x-powered-by');
  const server = createServer(http);
  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<Ctx>({
    schema: def.schema,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    plugins: [
      metricsPlugin(metrics),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginInlineTraceDisabled(), // no Apollo Studio: traces would only cost time
      // the audit log: what the request recorded (mutations, staff reads of unmasked values), in one insert
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue }) {
              await (contextValue as RequestContext).audit?.flush();
            },
          };
        },
      },
      ...(config.NODE_ENV === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code === 'BAD_USER_INPUT' && !formatted.extensions?.fields) return withInputFields(formatted);
      if (!code || code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error in resolver');
      return publicError(formatted, production);
    },
  });
  await apollo.start();

  http.get('/health', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    await Promise.all([
      withTimeout(dataSource.query('SELECT 1'), HEALTH_TIMEOUT_MS)
        .then(() => (checks.database = { ok: true }))
        .catch((e: Error) => (checks.database = { ok: false, detail: e.message })),
      withTimeout(pingKafka(kafka), HEALTH_TIMEOUT_MS)
        .then((r) => (checks.kafka = { ok: true, detail: `${r.brokers} broker(s)` }))
        .catch((e: Error) => (checks.kafka = { ok: false, detail: e.message })),
    ]);
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ service: def.name, status: ok ? 'ok' : 'degraded', checks });
  });

  http.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  http.use(
    '/graphql',
    (req, _res, next) => withCorrelation(req.header(CORRELATION_HEADER) ?? undefined, () => next()),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo as unknown as ApolloServer<ApolloBaseContext>, {
      context: async ({ req }) => {
        const token = req.header(INTERNAL_IDENTITY_HEADER);
        const call = token ? await verifyInternalCall(token).catch(() => null) : null;
        if (!call) {
          throw new GraphQLError(
            '内部调用缺少有效身份 / Subgraphs accept only calls from the gateway with a valid identity',
            {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            },
          );
        }
        const { identity, origin } = call;
        const correlationId = currentCorrelationId() ?? 'none';
        return def.context(
          {
            identity,
            origin,
            correlationId,
            logger: logger.child({ correlationId, caller: identity.subject }),
            audit: auditLog.recorder(identity, origin, correlationId),
          },
          app,
        );
      },
    }),
  );
  // a body too large or not JSON is a JSON error, never Express's HTML page with a stack trace
  http.use(
    (
      err: { type?: string; status?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status = err.type === 'entity.too.large' ? 413 : err.status === 400 ? 400 : 500;
      if (status === 500) logger.error({ err }, 'unexpected error before GraphQL');
      res.status(status).json({
        errors: [
          {
            message: status === 500 ? INTERNAL_ERROR_MESSAGE : '请求格式不正确 / Bad request',
            extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
          },
        ],
      });
    },
  );

  await new Promise<void>((resolve) => server.listen(config.PORT, config.LISTEN_HOST, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = localUrl(config.LISTEN_HOST, port, '/graphql');
  logger.info({ url }, `${def.name} subgraph ready`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down: no new requests, draining');
      await apollo.stop(); // stops accepting, waits for in-flight requests (drain plugin)
      await stopExtra();
      for (const c of consumers) await c.stop();
      await runtime.close();
      logger.info('stopped');
    })());

  return { name: def.name, url, port, runtime, app, consumers, stop };
}

/**
 * The topics a service's consumers need: those they consume, and `dead-letter`, where they park a message they cannot
 * apply. (Nothing here creates topics: infra/ creates those of topics.json, as an operator would in production.)
 */
export function topicsNeededBy(consumers: ReadonlyArray<Pick<IdempotentConsumer, 'topics'>>): string[] {
  return [...new Set([...consumers.flatMap((c) => c.topics), DEAD_LETTER_TOPIC])];
}

/**
 * Refuses to start, naming them, when any of `topics` is missing. A consumed topic missing made the consumer's
 * subscription fail with kafkajs' "This server does not host this topic-partition"; a missing `dead-letter` showed
 * only when a message first failed for good, as a publishing error on every retry of it.
 */
async function requireTopics(runtime: ServiceRuntime, topics: string[]): Promise<void> {
  const missing = await missingTopics(runtime.kafka, topics);
  if (missing.length === 0) return;
  throw new Error(
    `Kafka at ${runtime.config.KAFKA_BROKERS.join(',')} has no topic ${missing.join(', ')}, which ${runtime.name}'s ` +
      'consumers need (the topics they consume, and dead-letter, where they park a message they cannot apply). ' +
      'Services never create topics: create those of shared/src/events/topics.json first ' +
      '(npm run infra:up; the kafka-init service of docker-compose.yml).',
  );
}

/**
 * graphql-js refuses ill-typed variables (12.5 for an Int, a missing required field) before any resolver runs; give
 * those errors the same bilingual `fields` shape as our own BAD_USER_INPUT.
 */
export function withInputFields<T extends { message: string; extensions?: Record<string, unknown> }>(formatted: T): T {
  const at =
    /at "([^"]+)"/.exec(formatted.message)?.[1] ?? /Variable "\$([^"]+)"/.exec(formatted.message)?.[1] ?? 'input';
  // A scalar of the kit words its reason in both languages (`日期格式应为 … / a date must be …`): each side gets its own.
  const [head, reason] = splitOnce(formatted.message, '; ');
  const bilingual = reason ? /^(.*\p{Script=Han}.*?) \/ ([^\p{Script=Han}]+)$/u.exec(reason) : null;
  const problem = bilingual
    ? { field: at, zh: `输入格式不正确：${bilingual[1]}`, en: `${head}; ${bilingual[2]}` }
    : { field: at, zh: `输入格式不正确：${formatted.message}`, en: formatted.message };
  return { ...formatted, extensions: { ...formatted.extensions, fields: [problem] } };
}

function splitOnce(s: string, separator: string): [string, string | undefined] {
  const i = s.indexOf(separator);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + separator.length)];
}

/** main.ts helper: stop cleanly on SIGTERM/SIGINT. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  const handler = (signal: string) => {
    logger.info({ signal }, 'signal received');
    stop()
      .then(() => process.exit(0))
      .catch((e) => {
        logger.error({ err: e }, 'unclean shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
