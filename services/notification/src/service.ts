import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs, serviceConfigFor, type ServiceConfig, type ServiceDefinition } from '@yibao/shared';
import { createNotificationApp, type NotificationApp } from './app';
import type { NotificationContext } from './context';
import { entities } from './entities';
import { notificationConsumers } from './events/consumers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(__dirname);
export const configSchema = serviceConfigFor('notification', 4004);

export function notificationService(config: ServiceConfig): ServiceDefinition<NotificationContext, NotificationApp> {
  return {
    name: 'notification',
    config,
    entities,
    migrations,
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    createApp: createNotificationApp,
    context: (base, app) => ({ ...base, app }),
    consumers: notificationConsumers,
  };
}
