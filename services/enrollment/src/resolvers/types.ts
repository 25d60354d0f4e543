import type { EnrollmentContext } from '../context';
import type { Resolvers as GeneratedResolvers } from '../generated/graphql';

/** One feature's resolvers, typed by the schema (`npm run codegen`); index.ts merges them into the subgraph's map. */
export type Resolvers = GeneratedResolvers;

/**
 * The record behind a non-null field. A missing one is a dangling reference, a server fault: it is reported as
 * GraphQL reports a null in a non-null field, as an internal error.
 */
export function present<T>(value: T | null, what: string): T {
  if (value == null) throw new Error(`${what} is missing`);
  return value;
}

/** "Today" as the rules see it (the app's clock: settable in tests and batch runs). */
export function todayOf(ctx: EnrollmentContext): string {
  return ctx.app.clock.today();
}
