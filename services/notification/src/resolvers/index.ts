import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTimeScalar, forbidden } from '@yibao/shared';
import { NotificationForbidden } from '../app/message.service';
import type { NotificationContext } from '../context';
import type { MessageEntity } from '../entities';

export const resolvers = {
  DateTime: DateTimeScalar,
  Person: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    messages: async (person: { id: string }, _: unknown, ctx: NotificationContext) => {
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
    sentAt: (m: MessageEntity) => m.sentAt ?? m.createdAt,
  },
} as GraphQLResolverMap<NotificationContext>;
