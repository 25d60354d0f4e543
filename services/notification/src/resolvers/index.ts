import { DateScalar, DateTimeScalar, serviceErrorToGraphQL, type Identity } from '@yibao/shared';
import { NOTIFICATION_ERRORS } from '../app';
import type { AlertView, DeliveryView } from '../app/staff.service';
import type { Page } from '../app/pagination';
import type { NotificationContext } from '../context';
import { maskMobile } from '../domain';
import type { MessageEntity } from '../entities';
import { districtArg, uuidArg, uuidList } from './inputs';

/** Runs a resolver body and maps the service's errors through its table. */
async function mapped<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw serviceErrorToGraphQL(e, NOTIFICATION_ERRORS, { prefix: '' });
  }
}

const pageInfo = <T>(p: Page<T>) => ({ endCursor: p.endCursor, hasNextPage: p.hasNextPage });
const personRef = (id: string | null) => (id ? { id } : null);

type Ctx = NotificationContext;
type PageArgs = { first?: number | null; after?: string | null };

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Person: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    messages: (person: { id: string }, _: unknown, ctx: Ctx) => mapped(() => ctx.loaders.messagesOf.load(person.id)),
    unreadMessageCount: (person: { id: string }, _: unknown, ctx: Ctx) =>
      mapped(() => ctx.loaders.unreadCountOf.load(person.id)),
    messagePage: (person: { id: string }, args: PageArgs & { unreadOnly?: boolean | null }, ctx: Ctx) =>
      mapped(async () => {
        const page = await ctx.app.messages.page(person.id, ctx.identity, args);
        return { nodes: page.nodes, pageInfo: pageInfo(page), unreadCount: page.unreadCount };
      }),
  },
  Message: {
    sentAt: (m: MessageEntity) => m.sentAt ?? m.createdAt,
    read: (m: MessageEntity) => m.readAt !== null,
  },
  Delivery: {
    id: (d: DeliveryView) => d.message.id,
    person: (d: DeliveryView) => personRef(d.message.personId),
    channel: (d: DeliveryView) => d.message.channel,
    rule: (d: DeliveryView) => d.message.rule,
    template: (d: DeliveryView) => d.message.template,
    status: (d: DeliveryView) => d.message.status,
    title: (d: DeliveryView) => d.message.title,
    body: (d: DeliveryView) => d.message.body,
    mobile: (d: DeliveryView) => {
      const n = d.delivery?.mobile ?? d.message.mobile;
      return n ? maskMobile(n) : null;
    },
    district: (d: DeliveryView) => d.message.district,
    attempts: (d: DeliveryView) => d.delivery?.attempts ?? 0,
    error: (d: DeliveryView) => d.message.error ?? d.delivery?.lastError ?? null,
    causedByEventType: (d: DeliveryView) => d.message.causedByEventType,
    createdAt: (d: DeliveryView) => d.message.createdAt,
    sentAt: (d: DeliveryView) => d.message.sentAt,
  },
  DeadlineAlert: {
    id: (a: AlertView) => a.message.id,
    transferId: (a: AlertView) => a.alert.transferId,
    person: (a: AlertView) => ({ id: a.alert.personId }),
    handlingDistrict: (a: AlertView) => a.alert.handlingDistrict,
    level: (a: AlertView) => a.alert.level,
    transferStatus: (a: AlertView) => a.alert.transferStatus,
    dueOn: (a: AlertView) => a.alert.dueOn,
    workingDaysLeft: (a: AlertView) => a.alert.workingDaysLeft,
    title: (a: AlertView) => a.message.title,
    body: (a: AlertView) => a.message.body,
    titleEn: (a: AlertView) => a.message.titleEn,
    bodyEn: (a: AlertView) => a.message.bodyEn,
    raisedAt: (a: AlertView) => a.message.createdAt,
  },
  Query: {
    failedDeliveries: (_: unknown, args: PageArgs & { district?: string | null }, ctx: Ctx) =>
      mapped(async () => {
        const page = await ctx.app.staff.failedDeliveries(ctx.identity, {
          ...args,
          district: districtArg(args.district),
        });
        return { nodes: page.nodes, pageInfo: pageInfo(page) };
      }),
    deadlineAlerts: (
      _: unknown,
      args: PageArgs & { district?: string | null; level?: 'DUE_SOON' | 'OVERDUE' | null },
      ctx: Ctx,
    ) =>
      mapped(async () => {
        const page = await ctx.app.staff.deadlineAlerts(ctx.identity, {
          ...args,
          district: districtArg(args.district),
        });
        return { nodes: page.nodes, pageInfo: pageInfo(page) };
      }),
  },
  Mutation: {
    markMessagesRead: (_: unknown, args: { ids: string[] }, ctx: Ctx) =>
      mapped(() => ctx.app.messages.markRead(uuidList('ids', args.ids), ctx.identity)),
    markAllMessagesRead: (_: unknown, __: unknown, ctx: Ctx) =>
      mapped(() => ctx.app.messages.markAllRead(ctx.identity)),
    retryDelivery: (_: unknown, args: { id: string; mobile?: string | null }, ctx: Ctx) =>
      mapped(async () => {
        const m = await ctx.app.delivery.retry(uuidArg('id', args.id), ctx.identity as Identity, args.mobile);
        return ctx.app.staff.delivery(m);
      }),
  },
};
