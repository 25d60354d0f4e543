/**
 * Batch jobs E12–E14: the runner, the service's background runs, the GraphQL fields. The CLI (`cli.ts`) is not
 * exported here, so the service never loads cli-progress.
 */
export { BatchJobs, createBatchJobs, type BatchJobsOptions } from './batch-jobs';
export {
  BatchJobRunner,
  BatchPersonError,
  DEFAULT_CHUNK_SIZE,
  type ClaimedJob,
  type JobRuntime,
  type RunHooks,
} from './runner';
export { BATCH_JOB_KINDS, assertRunDate, kindSpec, type BatchJobKindSpec } from './kinds';
export { jobResolvers, percentOf, withJobResolvers } from './resolvers';
