import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs, serviceConfigFor, type ServiceConfig, type ServiceDefinition } from '@yibao/shared';
import { createTransferApp, type TransferApp } from './app';
import type { TransferContext } from './context';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(__dirname);
export const configSchema = serviceConfigFor('transfer', 4002);

export function transferService(config: ServiceConfig): ServiceDefinition<TransferContext, TransferApp> {
  return {
    name: 'transfer',
    config,
    entities,
    migrations,
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    createApp: createTransferApp,
    context: (base, app) => ({ ...base, app }),
  };
}
