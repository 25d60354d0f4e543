import { DateTimeScalar } from '@yibao/shared';
import type { Resolvers } from '../generated/graphql';
import { mapErrors } from './errors';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    messages: (person, _, ctx) => mapErrors(() => ctx.loaders.messagesOf.load(person.id)),
  },
  Message: {
    sentAt: (m) => m.sentAt ?? m.createdAt,
  },
};
