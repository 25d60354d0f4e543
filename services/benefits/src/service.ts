import { defineSubgraph } from '@yibao/shared';
import { createBenefitsApp, type BenefitsApp } from './app';
import type { BenefitsContext } from './context';
import { entities } from './entities';
import { benefitsConsumers } from './events/consumers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The benefits subgraph (B rules): its parts; the kit does the wiring. */
export const benefits = defineSubgraph<BenefitsApp, BenefitsContext>({
  name: 'benefits',
  port: 4003,
  dir: __dirname,
  resolvers,
  entities,
  migrations,
  createApp: createBenefitsApp,
  context: (base, app) => ({ ...base, app, loaders: app.loaders() }),
  consumers: benefitsConsumers,
  onStart: async (_runtime, app) => {
    app.sweep.start();
    return () => app.sweep.stop();
  },
});
