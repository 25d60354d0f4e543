import { defineSubgraph } from '@yibao/shared';
import { createTransferApp, type TransferApp } from './app';
import type { TransferContext } from './context';
import { entities } from './entities';
import { transferConsumers } from './events/consumers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The transfer subgraph (T rules): its parts; the kit does the wiring. */
export const transfer = defineSubgraph<TransferApp, TransferContext>({
  name: 'transfer',
  port: 4002,
  dir: __dirname,
  resolvers,
  entities,
  migrations,
  createApp: (runtime) => createTransferApp(runtime),
  context: (base, app) => ({ ...base, app, loaders: app.loaders(base.identity) }),
  consumers: transferConsumers,
  // T10: the deadline scan runs on the runtime's clock while the service runs
  onStart: async (_runtime, app) => app.alerts.schedule(app.config.alertScanMs),
});
