import { defineSubgraph } from '@yibao/shared';
import { createTransferApp, type TransferApp } from './app';
import type { TransferContext } from './context';
import { entities } from './entities';
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
  createApp: createTransferApp,
});
