import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, badUserInput } from '@yibao/shared';
import type { TransferContext } from '../context';

export const resolvers = {
  Date: DateScalar,
  Query: {
    workingDayDeadline: (_: unknown, args: { from: string; workingDays: number }, ctx: TransferContext) => {
      if (args.workingDays < 0 || args.workingDays > 365) {
        throw badUserInput([
          {
            field: 'workingDays',
            reason: { zh: '工作日数应在 0 到 365 之间', en: 'workingDays must be between 0 and 365' },
          },
        ]);
      }
      return ctx.app.queries.deadline(args.from, args.workingDays);
    },
  },
  Person: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    transfers: (person: { id: string }, _: unknown, ctx: TransferContext) =>
      ctx.app.queries.transfersOf(person.id, ctx.identity),
  },
} as GraphQLResolverMap<TransferContext>;
