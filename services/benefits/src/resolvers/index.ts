import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, chinaToday } from '@yibao/shared';
import type { BenefitsContext } from '../context';

export const resolvers = {
  Date: DateScalar,
  Query: {
    policyParameters: (_: unknown, args: { on?: string | null }, ctx: BenefitsContext) =>
      ctx.app.parameters.inForce(args.on ?? chinaToday()),
  },
} as GraphQLResolverMap<BenefitsContext>;
