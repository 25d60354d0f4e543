import { defineSubgraph } from '@yibao/shared';
import { createEnrollmentApp, type EnrollmentApp } from './app';
import type { EnrollmentContext } from './context';
import { entities } from './entities';
import { withJobResolvers } from './jobs';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The enrollment subgraph (E rules): its parts; the kit does the wiring. */
export const enrollment = defineSubgraph<EnrollmentApp, EnrollmentContext>({
  name: 'enrollment',
  port: 4001,
  dir: __dirname,
  resolvers: withJobResolvers(resolvers),
  entities,
  migrations,
  createApp: createEnrollmentApp,
  context: (base, app) => ({ ...base, app, loaders: app.loaders(base.identity) }),
  // on shutdown the chunk in progress commits; the job stays RUNNING and resumes on the next start
  onStart: async (_runtime, app) => () => app.jobs.stop(),
});
