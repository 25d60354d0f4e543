import { parseArgs } from './edge';
import { holderOf, idNumberFor, phoneFor } from './personal-data';
import { mapErrors } from './errors';
import {
  idArgs,
  personByIdNumberArgs,
  personsArgs,
  recordNewbornIdArgs,
  registerPersonArgs,
  registerPersonDomain,
} from './persons.inputs';
import { present, todayOf, type Resolvers } from './types';

/** 参保人: lookup, search with cursor pagination, registration, and E14's newborn ID. */
export const personResolvers: Resolvers = {
  Query: {
    person: (_, args, ctx) => mapErrors(() => ctx.loaders.person.load(parseArgs(idArgs, args).id)),
    personByIdNumber: (_, args, ctx) =>
      mapErrors(() => {
        const { idNumber } = parseArgs(personByIdNumberArgs(todayOf(ctx)), args);
        return ctx.app.persons.byIdNumber(idNumber, ctx.identity);
      }),
    persons: (_, args, ctx) =>
      mapErrors(
        async () => {
          const page = await ctx.app.queries.searchPersons(parseArgs(personsArgs, args), ctx.identity);
          return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
        },
        { prefix: '' },
      ),
  },
  Mutation: {
    registerPerson: (_, args, ctx) =>
      mapErrors(() => {
        const today = todayOf(ctx);
        const { input } = parseArgs(registerPersonArgs(today), args, registerPersonDomain(today));
        return ctx.app.persons.register(input, ctx.identity);
      }),
    recordNewbornId: (_, args, ctx) =>
      mapErrors(
        async () => {
          const { personId, idNumber } = parseArgs(recordNewbornIdArgs(todayOf(ctx)), args);
          const { resumed, warnings } = await ctx.app.relations.recordNewbornId(personId, idNumber, ctx.identity);
          const person = present(await ctx.app.persons.byId(personId, ctx.identity), `person ${personId}`);
          return { person, resumed, warnings };
        },
        { prefix: '' },
      ),
  },
  Person: {
    __resolveReference: (ref, ctx) => mapErrors(() => ctx.loaders.person.load(parseArgs(idArgs, { id: ref.id }).id)),
    registeredAt: (p) => p.createdAt,
    idNumber: async (p, _, ctx, info) => (await idNumberFor(ctx, info, holderOf(ctx, p.id, p), p.idNumber)) ?? '',
    mobile: (p, _, ctx, info) => phoneFor(ctx, info, holderOf(ctx, p.id, p), p.mobile),
  },
};
