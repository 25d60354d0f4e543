import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { EnrollmentContext } from '../context';

/** One feature's resolvers; index.ts merges them into the subgraph's map. */
export type Resolvers = GraphQLResolverMap<EnrollmentContext>;

/** "Today" as the rules see it (the app's clock: settable in tests and batch runs). */
export function todayOf(ctx: EnrollmentContext): string {
  return ctx.app.clock.today();
}
