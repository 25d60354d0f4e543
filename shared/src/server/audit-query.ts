import { z } from 'zod';
import { fromZodError } from '../errors';
import type { RequestContext } from './service';

const args = z.object({
  filter: z
    .object({
      subject: z.string().nullish(),
      role: z.string().nullish(),
      action: z.enum(['MUTATION', 'READ_UNMASKED']).nullish(),
      operation: z.string().nullish(),
      targetId: z.string().nullish(),
      since: z.iso.datetime({ offset: true }).nullish(),
      until: z.iso.datetime({ offset: true }).nullish(),
    })
    .nullish(),
  first: z.int().min(1).max(200).nullish(),
  after: z
    .string()
    .regex(/^\d{1,19}$/, 'a cursor from endCursor')
    .nullish(),
});

/** `<service>AuditLog(filter, first, after)`: the service's audit log, newest first (the rule: CITY_STAFF only). */
export async function auditLogResolver(_: unknown, raw: unknown, ctx: RequestContext) {
  const parsed = args.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, '');
  const { filter, first, after } = parsed.data;
  if (!ctx.audit) throw new Error('the audit log is not in this context');
  const page = await ctx.audit.log.find(
    {
      ...filter,
      since: filter?.since ? new Date(filter.since) : null,
      until: filter?.until ? new Date(filter.until) : null,
    },
    first ?? 50,
    after ?? null,
  );
  return { ...page, nodes: page.nodes.map((n) => ({ ...n, at: n.at.toISOString() })) };
}
