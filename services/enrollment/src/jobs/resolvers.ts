import { badUserInput } from '@yibao/shared';
import type { EnrollmentContext } from '../context';
import { EnrollmentError, EnrollmentErrorCode } from '../app/errors';
import type { BatchJobEntity } from '../entities';
import type { Resolvers } from '../generated/graphql';
import { toGraphQLError } from '../resolvers/errors';
import type { BatchJobs } from './batch-jobs';
import { kindSpec } from './kinds';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The app of the context, once the service wires `jobs: createBatchJobs(runtime)` into it. */
function jobsOf(ctx: EnrollmentContext): BatchJobs {
  const jobs = (ctx.app as EnrollmentContext['app'] & { jobs?: BatchJobs }).jobs;
  if (!jobs) throw new Error('batch jobs are not wired into the enrollment app');
  return jobs;
}

/** Like mapErrors, but the arguments here are top-level (runDate, first), not fields of an `input`. */
async function mapJobErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EnrollmentError && e.code === EnrollmentErrorCode.INVALID_INPUT) {
      throw badUserInput([{ field: String(e.details.field ?? 'input'), reason: e.reason }]);
    }
    throw toGraphQLError(e);
  }
}

export function percentOf(job: Pick<BatchJobEntity, 'done' | 'total' | 'status'>): number {
  if (job.total <= 0) return job.status === 'COMPLETED' ? 100 : 0;
  return Math.min(100, Math.floor((job.done * 1000) / job.total) / 10);
}

export const jobResolvers = {
  Query: {
    batchJobs: (_, args, ctx) =>
      mapJobErrors(async () => {
        const first = args.first ?? 50;
        if (!Number.isInteger(first) || first < 1 || first > 200) {
          throw EnrollmentError.invalid('first', { zh: 'first 应在 1 到 200 之间', en: 'first must be 1 to 200' });
        }
        return ctx.app.queries.batchJobs(ctx.identity, first);
      }),
    batchJob: (_, args, ctx) =>
      mapJobErrors(async () => (UUID.test(args.id) ? ctx.app.queries.batchJob(args.id, ctx.identity) : null)),
  },
  Mutation: {
    startBatchJob: (_, args, ctx) => mapJobErrors(() => jobsOf(ctx).start(args.kind, args.runDate, ctx.identity)),
  },
  BatchJob: {
    rule: (j) => kindSpec(j.kind).rule,
    progress: (j) => ({ done: j.done, total: j.total, percent: percentOf(j) }),
    failures: (j, _, ctx) => jobsOf(ctx).runner.failures(j.id),
  },
} satisfies Resolvers;

/**
 * The service's resolver map with the batch-job fields merged in:
 * `buildSubgraphSchema([{ typeDefs, resolvers: withJobResolvers(resolvers) }])`.
 */
export function withJobResolvers(base: Resolvers): Resolvers {
  const fields = (type: string) => (base[type] ?? {}) as Record<string, unknown>;
  return {
    ...base,
    Query: { ...fields('Query'), ...jobResolvers.Query },
    Mutation: { ...fields('Mutation'), ...jobResolvers.Mutation },
    BatchJob: { ...fields('BatchJob'), ...jobResolvers.BatchJob },
  };
}
