import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs, serviceConfigFor, type ServiceConfig, type ServiceDefinition } from '@yibao/shared';
import { createEnrollmentApp, type EnrollmentApp } from './app';
import type { EnrollmentContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(__dirname);
export const configSchema = serviceConfigFor('enrollment', 4001);

export function enrollmentService(config: ServiceConfig): ServiceDefinition<EnrollmentContext, EnrollmentApp> {
  return {
    name: 'enrollment',
    config,
    entities,
    migrations,
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    createApp: createEnrollmentApp,
    context: (base, app) => ({ ...base, app }),
  };
}
