import { DateScalar, chinaToday } from '@yibao/shared';
import type { Resolvers } from '../generated/graphql';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    policyParameters: (_, args, ctx) => ctx.app.parameters.inForce(args.on ?? chinaToday()),
  },
};
