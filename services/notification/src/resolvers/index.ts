import { DateTimeScalar, forbidden } from '@yibao/shared';
import { NotificationForbidden } from '../app/message.service';
import type { Resolvers } from '../generated/graphql';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    messages: async (person, _, ctx) => {
      try {
        return await ctx.app.messages.forPerson(person.id, ctx.identity);
      } catch (e) {
        if (e instanceof NotificationForbidden)
          throw forbidden({ zh: '无权查看他人的消息', en: "you may not read another person's messages" });
        throw e;
      }
    },
  },
  Message: {
    sentAt: (m) => m.createdAt,
  },
};
