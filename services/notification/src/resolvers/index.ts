import { DateScalar, DateTimeScalar, maskMobile } from '@yibao/shared';
import type { Page } from '../app/pagination';
import type { Resolvers } from '../generated/graphql';
import { mapErrors } from './errors';
import { districtArg, uuidArg, uuidList } from './inputs';

/** Runs a resolver body and maps the service's errors; arguments are at the top level (no `input`). */
const mapped = <T>(fn: () => Promise<T> | T) => mapErrors(fn, { prefix: '' });

const pageInfo = <T>(p: Page<T>) => ({ endCursor: p.endCursor, hasNextPage: p.hasNextPage });
const personRef = (id: string | null) => (id ? { id } : null);

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    messages: (person, _, ctx) => mapped(() => ctx.loaders.messagesOf.load(person.id)),
    unreadMessageCount: (person, _, ctx) => mapped(() => ctx.loaders.unreadCountOf.load(person.id)),
    messagePage: (person, args, ctx) =>
      mapped(async () => {
        const page = await ctx.app.messages.page(person.id, ctx.identity, args);
        return { nodes: page.nodes, pageInfo: pageInfo(page), unreadCount: page.unreadCount };
      }),
  },
  Message: {
    sentAt: (m) => m.sentAt ?? m.createdAt,
    read: (m) => m.readAt !== null,
  },
  Delivery: {
    id: (d) => d.message.id,
    person: (d) => personRef(d.message.personId),
    channel: (d) => d.message.channel,
    rule: (d) => d.message.rule,
    template: (d) => d.message.template,
    status: (d) => d.message.status,
    title: (d) => d.message.title,
    body: (d) => d.message.body,
    mobile: (d) => {
      const n = d.delivery?.mobile ?? d.message.mobile;
      return n ? maskMobile(n) : null;
    },
    district: (d) => d.message.district,
    attempts: (d) => d.delivery?.attempts ?? 0,
    error: (d) => d.message.error ?? d.delivery?.lastError ?? null,
    causedByEventType: (d) => d.message.causedByEventType,
    createdAt: (d) => d.message.createdAt,
    sentAt: (d) => d.message.sentAt,
  },
  DeadlineAlert: {
    id: (a) => a.message.id,
    transferId: (a) => a.alert.transferId,
    personId: (a) => a.alert.personId,
    person: (a) => ({ id: a.alert.personId }),
    handlingDistrict: (a) => a.alert.handlingDistrict,
    level: (a) => a.alert.level,
    transferStatus: (a) => a.alert.transferStatus,
    dueOn: (a) => a.alert.dueOn,
    workingDaysLeft: (a) => a.alert.workingDaysLeft,
    title: (a) => a.message.title,
    body: (a) => a.message.body,
    titleEn: (a) => a.message.titleEn,
    bodyEn: (a) => a.message.bodyEn,
    raisedAt: (a) => a.message.createdAt,
  },
  Query: {
    failedDeliveries: (_, args, ctx) =>
      mapped(async () => {
        const page = await ctx.app.staff.failedDeliveries(ctx.identity, {
          ...args,
          district: districtArg(args.district),
        });
        return { nodes: page.nodes, pageInfo: pageInfo(page) };
      }),
    deadlineAlerts: (_, args, ctx) =>
      mapped(async () => {
        const page = await ctx.app.staff.deadlineAlerts(ctx.identity, {
          ...args,
          district: districtArg(args.district),
        });
        return { nodes: page.nodes, pageInfo: pageInfo(page) };
      }),
  },
  Mutation: {
    markMessagesRead: (_, args, ctx) =>
      mapped(() => ctx.app.messages.markRead(uuidList('ids', args.ids), ctx.identity)),
    markAllMessagesRead: (_, __, ctx) => mapped(() => ctx.app.messages.markAllRead(ctx.identity)),
    retryDelivery: (_, args, ctx) =>
      mapped(() => ctx.app.delivery.retry(uuidArg('id', args.id), ctx.identity, args.mobile)),
  },
};
