import type { Identity } from '@yibao/shared';
import type { BatchJobEntity, BatchJobKind } from '../entities';
import { BatchJobRunner, DEFAULT_CHUNK_SIZE, type ClaimedJob, type JobRuntime, type RunHooks } from './runner';

export interface BatchJobsOptions {
  /** Persons per transaction. */
  chunkSize?: number;
}

/**
 * The batch jobs of a running service: `start` (GraphQL) runs a job in the background and returns at once, `run`
 * (CLI, tests) waits for the end. One job kind and date runs at most once at a time in this process; `stop` (on
 * service shutdown) lets the chunk in progress commit and leaves the job RUNNING, to be resumed by the next start.
 */
export class BatchJobs {
  readonly runner: BatchJobRunner;
  private readonly active = new Map<string, Promise<unknown>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly runtime: JobRuntime,
    options: BatchJobsOptions = {},
  ) {
    this.runner = new BatchJobRunner(runtime, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  }

  /**
   * startBatchJob: validates and claims the run, then processes it in the background. Returns the row at once —
   * RUNNING, or COMPLETED when the run had completed before (nothing changes). A run already going on in this
   * process is returned as it is.
   */
  async start(kind: BatchJobKind, runDate: string, actor: Identity): Promise<BatchJobEntity> {
    const key = `${kind}:${runDate}`;
    if (this.active.has(key)) {
      // Validates and returns the row without a second runner (claim of a RUNNING row only refreshes total).
      return (await this.runner.claim(kind, runDate, actor)).job;
    }
    const claimed = this.runner.claim(kind, runDate, actor);
    this.track(
      key,
      claimed.then(
        (c) => (c.alreadyCompleted ? c.job : this.runner.process(c.job.id, actor, { signal: this.stopping.signal })),
        () => undefined, // a refused start (bad run date, not staff) is the caller's error, below
      ),
    );
    return (await claimed).job;
  }

  /** Runs the job to its end and returns the final row (COMPLETED or FAILED, with the error). */
  async run(kind: BatchJobKind, runDate: string, actor: Identity, hooks: RunHooks = {}): Promise<ClaimedJob> {
    const key = `${kind}:${runDate}`;
    await this.active.get(key)?.catch(() => undefined);
    const claimed = await this.runner.claim(kind, runDate, actor);
    if (claimed.alreadyCompleted) return claimed;
    const done = this.runner.process(claimed.job.id, actor, {
      ...hooks,
      signal: hooks.signal ? AbortSignal.any([hooks.signal, this.stopping.signal]) : this.stopping.signal,
    });
    this.track(key, done);
    return { ...claimed, job: await done };
  }

  /** Waits for the background runs to end (tests). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()]);
  }

  /** Service shutdown: the chunks in progress commit, the jobs stay RUNNING, the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private track(key: string, work: Promise<unknown>): void {
    this.active.set(key, work);
    work
      .catch((e: unknown) => this.runtime.logger.error({ err: e, job: key }, 'batch job could not run'))
      .finally(() => {
        if (this.active.get(key) === work) this.active.delete(key);
      });
  }
}

/** The factory the service wires into its app: `jobs: createBatchJobs(runtime)`. */
export function createBatchJobs(runtime: JobRuntime, options?: BatchJobsOptions) {
  return new BatchJobs(runtime, options);
}
