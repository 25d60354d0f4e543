import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { Clock } from '../clock';
import type { ServiceConfig } from '../config';
import type { IdempotentConsumer } from '../inbox';
import { enforceAccessRules } from './access';
import { auditLogResolver } from './audit-query';
import { auditLogField, loadTypeDefs, runService, serviceConfigFor } from './definition';
import type { ServiceRuntime } from './runtime';
import { startService, type RequestContext, type RunningService, type ServiceDefinition } from './service';

/** The context a resolver receives when the service keeps the default: the request's context plus the app. */
export type AppContext<App> = RequestContext & { app: App };

export interface SubgraphSpec<App, Ctx extends RequestContext> {
  /** The service's name: its database `yibao_<name>`, its source `urn:yibao:<name>`, its logs. */
  name: string;
  /** Default HTTP port. */
  port: number;
  /** `__dirname` of the service's service.ts: its SDL is every *.graphql under the sibling src/. */
  dir: string;
  /** The resolver map, typed with the service's generated `Resolvers`. */
  resolvers: object;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Builds the application services once, from the runtime. */
  createApp: (runtime: ServiceRuntime) => App;
  /**
   * Per-request context; `{ ...base, app }` by default. A service adds its per-request DataLoaders here, so every
   * request gets fresh ones (nothing cached across callers).
   */
  context?: (base: RequestContext, app: App) => Ctx;
  consumers?: (runtime: ServiceRuntime, app: App) => IdempotentConsumer[];
  onStart?: (runtime: ServiceRuntime, app: App) => Promise<() => Promise<void>>;
}

export interface SubgraphOptions {
  /** "Today" and "now" for the rules and every timestamp; tests pass a SettableClock. */
  clock?: Clock;
}

export interface Subgraph<App, Ctx extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  /** The configuration schema with this service's port and database as defaults. */
  configSchema: ReturnType<typeof serviceConfigFor>;
  /** The subgraph schema, built once. */
  schema(): GraphQLSchema;
  definition(config: ServiceConfig, options?: SubgraphOptions): ServiceDefinition<Ctx, App>;
  /** Starts the service (tests start it this way too). */
  start(config: ServiceConfig, options?: SubgraphOptions): Promise<RunningService<App>>;
  /** main.ts: validated configuration → start → stop on SIGTERM/SIGINT. */
  main(): void;
}

/**
 * One subgraph, declared once: SDL loading, configuration defaults, schema, default context and the runtime wiring
 * are the kit's; the service brings its resolvers, entities, migrations, app and consumers.
 */
export function defineSubgraph<App, Ctx extends RequestContext = AppContext<App>>(
  spec: SubgraphSpec<App, Ctx>,
): Subgraph<App, Ctx> {
  const typeDefs = loadTypeDefs(spec.dir, spec.name);
  const given = spec.resolvers as { Query?: object };
  // the kit resolves the audit-log query it declares
  const resolvers = { ...given, Query: { ...given.Query, [auditLogField(spec.name)]: auditLogResolver } };
  const configSchema = serviceConfigFor(spec.name, spec.port);
  let schema: GraphQLSchema | null = null;
  const context = spec.context ?? ((base: RequestContext, app: App) => ({ ...base, app }) as unknown as Ctx);
  const buildSchema = () =>
    // The generated Resolvers type is stricter than Apollo's resolver map; the two describe the same object. Every
    // field resolver is wrapped with its @access rules: a field without one is refused.
    (schema ??= enforceAccessRules(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }])));
  const definition = (config: ServiceConfig, options: SubgraphOptions = {}): ServiceDefinition<Ctx, App> => ({
    name: spec.name,
    config,
    entities: spec.entities,
    migrations: spec.migrations,
    schema: buildSchema(),
    clock: options.clock,
    createApp: spec.createApp,
    context,
    consumers: spec.consumers,
    onStart: spec.onStart,
  });
  return {
    name: spec.name,
    typeDefs,
    configSchema,
    schema: buildSchema,
    definition,
    start: (config, options) => startService(definition(config, options)),
    main: () => runService(configSchema, (config) => definition(config)),
  };
}
