import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs, serviceConfigFor, type ServiceConfig, type ServiceDefinition } from '@yibao/shared';
import { createEnrollmentApp, systemClock, type Clock, type EnrollmentApp } from './app';
import type { EnrollmentContext } from './context';
import { entities } from './entities';
import { withJobResolvers } from './jobs';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(__dirname);
export const configSchema = serviceConfigFor('enrollment', 4001);

/** `clock` decides what "today" is for the rules; tests pass a settable one. */
export function enrollmentService(
  config: ServiceConfig,
  clock: Clock = systemClock,
): ServiceDefinition<EnrollmentContext, EnrollmentApp> {
  return {
    name: 'enrollment',
    config,
    entities,
    migrations,
    schema: buildSubgraphSchema([{ typeDefs, resolvers: withJobResolvers(resolvers) }]),
    createApp: (runtime) => createEnrollmentApp(runtime, clock),
    context: (base, app) => ({ ...base, app }),
    // on shutdown the chunk in progress commits; the job stays RUNNING and resumes on the next start
    onStart: async (_runtime, app) => () => app.jobs.stop(),
  };
}
