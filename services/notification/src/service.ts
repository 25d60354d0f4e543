import { defineSubgraph } from '@yibao/shared';
import { createNotificationApp, type NotificationApp } from './app';
import type { NotificationContext } from './context';
import { entities } from './entities';
import { notificationConsumers } from './events/consumers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The notification subgraph (N rules): its parts; the kit does the wiring. */
export const notification = defineSubgraph<NotificationApp, NotificationContext>({
  name: 'notification',
  port: 4004,
  dir: __dirname,
  resolvers,
  entities,
  migrations,
  createApp: createNotificationApp,
  context: (base, app) => ({ ...base, app, loaders: app.loaders(base.identity) }),
  consumers: notificationConsumers,
});
