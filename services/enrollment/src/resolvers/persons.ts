import type { PersonEntity } from '../entities';
import type { EnrollmentContext } from '../context';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import {
  idArgs,
  personByIdNumberArgs,
  personsArgs,
  recordNewbornIdArgs,
  registerPersonArgs,
  registerPersonDomain,
} from './persons.inputs';
import { todayOf, type Resolvers } from './types';

/** 参保人: lookup, search with cursor pagination, registration, and E14's newborn ID. */
export const personResolvers: Resolvers = {
  Query: {
    person: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byId(parseArgs(idArgs, args).id, ctx.identity)),
    personByIdNumber: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => {
        const { idNumber } = parseArgs(personByIdNumberArgs(todayOf(ctx)), args);
        return ctx.app.persons.byIdNumber(idNumber, ctx.identity);
      }),
    persons: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        async () => {
          const page = await ctx.app.queries.searchPersons(parseArgs(personsArgs, args), ctx.identity);
          return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
        },
        { prefix: '' },
      ),
  },
  Mutation: {
    registerPerson: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => {
        const today = todayOf(ctx);
        const { input } = parseArgs(registerPersonArgs(today), args, registerPersonDomain(today));
        return ctx.app.persons.register(input, ctx.identity);
      }),
    recordNewbornId: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        async () => {
          const { personId, idNumber } = parseArgs(recordNewbornIdArgs(todayOf(ctx)), args);
          const { resumed, warnings } = await ctx.app.relations.recordNewbornId(personId, idNumber, ctx.identity);
          return { person: await ctx.app.persons.byId(personId, ctx.identity), resumed, warnings };
        },
        { prefix: '' },
      ),
  },
  Person: {
    __resolveReference: (ref: { id: string }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byId(parseArgs(idArgs, { id: ref.id }).id, ctx.identity)),
    registeredAt: (p: PersonEntity) => p.createdAt,
  },
};
