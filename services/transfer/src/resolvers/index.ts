import { DateScalar, badUserInput } from '@yibao/shared';
import type { Resolvers } from '../generated/graphql';
import { mapErrors } from './errors';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    workingDayDeadline: (_, args, ctx) => {
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
    __resolveReference: (ref) => ({ id: ref.id }),
    transfers: (person, _, ctx) => mapErrors(() => ctx.app.queries.transfersOf(person.id, ctx.identity)),
  },
};
