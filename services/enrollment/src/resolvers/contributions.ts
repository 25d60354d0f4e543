import {
  recordContributionArgs,
  recordContributionDomain,
  recordRefundArgs,
  recordRefundDomain,
} from './contributions.inputs';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import { todayOf, type Resolvers } from './types';

/** 缴费 / 预缴 / 补缴 facts and the tax authority's 退费 (money in integer fen). */
export const contributionResolvers: Resolvers = {
  Mutation: {
    recordContribution: (_, args, ctx) =>
      mapErrors(() => {
        const { input } = parseArgs(recordContributionArgs, args, recordContributionDomain(todayOf(ctx)));
        return ctx.app.contributions.record(input, ctx.identity);
      }),
    recordRefund: (_, args, ctx) =>
      mapErrors(
        () => {
          const { contributionId, refundedOn } = parseArgs(recordRefundArgs, args, recordRefundDomain(todayOf(ctx)));
          return ctx.app.contributions.refund(contributionId, refundedOn, ctx.identity);
        },
        { prefix: '' },
      ),
  },
  Person: {
    contributions: (p, _, ctx) => mapErrors(() => ctx.loaders.contributionsOf.load(p.id)),
  },
  Contribution: {
    recordedAt: (c) => c.createdAt,
  },
};
