import type { ContributionEntity, PersonEntity } from '../entities';
import type { EnrollmentContext } from '../context';
import { mapErrors, parseArgs } from './errors';
import { recordContributionArgs, recordRefundArgs } from './inputs';
import { todayOf, type Resolvers } from './types';

/** 缴费 / 预缴 / 补缴 facts and the tax authority's 退费 (money in integer fen). */
export const contributionResolvers: Resolvers = {
  Mutation: {
    recordContribution: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() =>
        ctx.app.contributions.record(parseArgs(recordContributionArgs(todayOf(ctx)), args).input, ctx.identity),
      ),
    recordRefund: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(
        () => {
          const { contributionId, refundedOn } = parseArgs(recordRefundArgs(todayOf(ctx)), args);
          return ctx.app.contributions.refund(contributionId, refundedOn, ctx.identity);
        },
        { prefix: '' },
      ),
  },
  Person: {
    contributions: (p: PersonEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.contributions.ofPerson(p.id, ctx.identity)),
  },
  Contribution: {
    recordedAt: (c: ContributionEntity) => c.createdAt,
  },
};
