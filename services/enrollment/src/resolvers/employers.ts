import { parseArgs } from './edge';
import { centralisedPeriodArgs, creditCodeArgs, employersArgs, registerEmployerArgs } from './employers.inputs';
import { mapErrors } from './errors';
import { idArgs } from './persons.inputs';
import type { Resolvers } from './types';

/** 参保单位 and their staff, and the city centre's 集中参保缴费期. */
export const employerResolvers: Resolvers = {
  Query: {
    employer: (_, args, ctx) => mapErrors(() => ctx.app.employers.byId(parseArgs(idArgs, args).id, ctx.identity)),
    employerByCreditCode: (_, args, ctx) =>
      mapErrors(() => ctx.app.employers.byCreditCode(parseArgs(creditCodeArgs, args).creditCode, ctx.identity)),
    employers: (_, args, ctx) =>
      mapErrors(
        async () => {
          const page = await ctx.app.queries.searchEmployers(parseArgs(employersArgs, args), ctx.identity);
          return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
        },
        { prefix: '' },
      ),
  },
  Mutation: {
    registerEmployer: (_, args, ctx) =>
      mapErrors(() => ctx.app.employers.register(parseArgs(registerEmployerArgs, args).input, ctx.identity)),
    setCentralisedPeriod: (_, args, ctx) =>
      mapErrors(
        () => {
          const { forYear, from, to } = parseArgs(centralisedPeriodArgs, args);
          return ctx.app.employers.setCentralisedPeriod(forYear, from, to, ctx.identity);
        },
        { prefix: '' },
      ),
  },
  Employer: {
    __resolveReference: (ref, ctx) =>
      mapErrors(() => ctx.app.employers.byId(parseArgs(idArgs, { id: ref.id }).id, ctx.identity)),
    registeredAt: (e) => e.createdAt,
    staff: (e, _, ctx) => mapErrors(() => ctx.app.employers.staff(e, ctx.identity)),
  },
  CentralisedPeriod: {
    from: (c) => c.fromDate,
    to: (c) => c.toDate,
  },
};
