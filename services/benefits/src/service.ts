import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs, serviceConfigFor, type ServiceConfig, type ServiceDefinition } from '@yibao/shared';
import { createBenefitsApp, type BenefitsApp } from './app';
import type { BenefitsContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(__dirname);
export const configSchema = serviceConfigFor('benefits', 4003);

export function benefitsService(config: ServiceConfig): ServiceDefinition<BenefitsContext, BenefitsApp> {
  return {
    name: 'benefits',
    config,
    entities,
    migrations,
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    createApp: createBenefitsApp,
    context: (base, app) => ({ ...base, app }),
  };
}
