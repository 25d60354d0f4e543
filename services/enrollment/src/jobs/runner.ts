import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import { assertCityStaff } from '../app/access';
import { EffectWriter, type EffectContext } from '../app/effects';
import { EnrollmentError, EnrollmentErrorCode } from '../app/errors';
import { loadPerson, loadPersons } from '../app/snapshot';
import { BatchJobEntity, type BatchJobKind } from '../entities';
import { assertRunDate, kindSpec, type BatchJobKindSpec, type PersonSelector } from './kinds';

/** What a batch run needs of the service's runtime (the server's and the CLI's come from one createRuntime). */
export type JobRuntime = Pick<ServiceRuntime, 'dataSource' | 'outbox' | 'logger' | 'clock' | 'command'>;

export interface RunHooks {
  /** After every committed chunk (and once when the run completes), with the row as committed. */
  onProgress?: (job: BatchJobEntity) => void;
  /**
   * Test seam: called inside the chunk's transaction before each person is processed. Throwing simulates a crash:
   * the chunk rolls back, the job is marked FAILED, a later run resumes after the last committed chunk.
   */
  beforePerson?: (personId: string) => void | Promise<void>;
  /** Stops after the chunk in progress; the job stays RUNNING and is resumed by the next start. */
  signal?: AbortSignal;
}

export interface ClaimedJob {
  job: BatchJobEntity;
  /** The run had completed before: nothing was changed. */
  alreadyCompleted: boolean;
  /** A RUNNING (crashed, stopped) or FAILED run of the same kind and date is continued after its cursor. */
  resumed: boolean;
}

export const DEFAULT_CHUNK_SIZE = 1000;

/** A failure while processing one person: the message names the person, so an operator can look at them. */
export class BatchPersonError extends Error {
  constructor(
    readonly personId: string,
    cause: unknown,
  ) {
    super(`person ${personId}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BatchPersonError';
  }
}

/**
 * Runs the batch suspensions E12 (graduation), E13 (year end) and E14 (newborns at month end).
 *
 * - One run per (kind, run date): the batch_job row. Starting again finds it — COMPLETED: returned unchanged;
 *   RUNNING or FAILED: continued after `cursor`, the last person id processed.
 * - Candidates are persons, in id order. Each chunk is one transaction that locks the job row, takes the next
 *   persons after the cursor, locks and loads all their snapshots at once (`loadPersons`: persons FOR UPDATE,
 *   relations, contributions, consents; the relations' versions are checked by the UPDATE), runs the domain's selector on each person's snapshot as it is, and writes
 *   the chunk's suspensions in bulk (`EffectWriter.suspendMany`: one UPDATE of the relations, one INSERT of the
 *   history rows with batch_job_id, one INSERT of the relation-suspended events through the outbox); then advances
 *   done, suspended and cursor in the same transaction. A crash loses nothing and doubles nothing; two runners of
 *   one job (a CLI and the service) take turns on the job row.
 * - Per-person isolation: the bulk work runs under a savepoint. When anything in it fails (the database refuses a
 *   row, a relation changed, a selector throws), the chunk is rolled back to it and done again person by person,
 *   each in a savepoint of its own (`loadPerson`, the selector, `EffectWriter.apply`): a person the rules or the
 *   database refuse rolls back alone and is recorded in batch_job_failure; the run goes on.
 * - `suspended` counts relations (one event each), `done`/`total` count persons.
 */
export class BatchJobRunner {
  private readonly effects: EffectWriter;

  constructor(
    private readonly runtime: JobRuntime,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
  ) {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunk size must be a positive integer`);
    this.effects = new EffectWriter(runtime.outbox, runtime.clock);
  }

  /**
   * Validates the run date and finds or creates the run's row. A run to do (new, or resumed) is RUNNING with
   * `total` = done so far + candidates left after the cursor. Throws INVALID_INPUT for a bad run date.
   */
  async claim(kind: BatchJobKind, runDate: string, actor: Identity): Promise<ClaimedJob> {
    assertCityStaff(actor); // a batch runs city-wide: the city centre starts it
    const spec = kindSpec(kind);
    assertRunDate(kind, runDate, this.runtime.clock.today());
    return this.runtime.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO batch_job (kind, run_date, status, started_by) VALUES ($1, $2, 'RUNNING', $3)
         ON CONFLICT ON CONSTRAINT batch_job_run DO NOTHING RETURNING id`,
        [kind, runDate, actor.subject],
      );
      const job = await m
        .getRepository(BatchJobEntity)
        .findOne({ where: { kind, runDate }, lock: { mode: 'pessimistic_write' } });
      if (!job) throw new Error(`batch_job ${kind} ${runDate} vanished`);
      if (job.status === 'COMPLETED') return { job, alreadyCompleted: true, resumed: false };
      job.total = job.done + (await countCandidates(m, spec, runDate, job.cursor));
      job.status = 'RUNNING';
      job.error = null;
      job.finishedAt = null;
      await m.update(
        BatchJobEntity,
        { id: job.id },
        { total: job.total, status: job.status, error: null, finishedAt: null },
      );
      return { job, alreadyCompleted: false, resumed: inserted.length === 0 };
    });
  }

  /**
   * Processes a claimed run chunk by chunk until no candidate is left (COMPLETED), an error (FAILED, with the
   * error; the last committed chunk stays), or `signal` (left RUNNING). Returns the row; never throws for a failure
   * of the run itself — the row says FAILED.
   */
  async process(jobId: string, actor: Identity, hooks: RunHooks = {}): Promise<BatchJobEntity> {
    const ds = this.runtime.dataSource;
    const log = this.runtime.logger.child({ batchJobId: jobId });
    // Every change the batch makes is the system's, on behalf of whoever started (or resumed) it.
    const system: Identity = { subject: actor.subject, role: 'SYSTEM' };
    try {
      for (;;) {
        if (hooks.signal?.aborted) {
          log.info('batch job stopped; it stays RUNNING and resumes after its cursor');
          return await this.load(jobId);
        }
        const step = await this.runtime.command((m) => this.chunk(m, jobId, system, hooks));
        const { job } = step;
        log.info(
          { kind: job.kind, runDate: job.runDate, done: job.done, total: job.total, suspended: job.suspended },
          `batch ${job.kind} ${job.runDate}: ${job.done}/${job.total} persons, ${job.suspended} suspended`,
        );
        hooks.onProgress?.(job);
        if (step.finished) return job;
      }
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      log.error({ err: e }, 'batch job failed; a new start resumes after the last committed chunk');
      await ds
        .getRepository(BatchJobEntity)
        .update(
          { id: jobId, status: 'RUNNING' },
          { status: 'FAILED', error: error.slice(0, 2000), finishedAt: this.runtime.clock.now() },
        );
      const job = await this.load(jobId);
      hooks.onProgress?.(job);
      return job;
    }
  }

  /** The persons a run could not process, with the error, oldest first. */
  async failures(jobId: string): Promise<Array<{ personId: string; error: string; failedAt: Date }>> {
    return this.runtime.dataSource.query(
      `SELECT person_id AS "personId", error, failed_at AS "failedAt" FROM batch_job_failure
        WHERE batch_job_id = $1 ORDER BY failed_at, person_id`,
      [jobId],
    );
  }

  /** claim + process: runs the job to its end (CLI, tests). */
  async run(kind: BatchJobKind, runDate: string, actor: Identity, hooks: RunHooks = {}): Promise<ClaimedJob> {
    const claimed = await this.claim(kind, runDate, actor);
    if (claimed.alreadyCompleted) return claimed;
    return { ...claimed, job: await this.process(claimed.job.id, actor, hooks) };
  }

  private async chunk(
    m: EntityManager,
    jobId: string,
    actor: Identity,
    hooks: RunHooks,
  ): Promise<{ job: BatchJobEntity; finished: boolean }> {
    // The job row's lock makes concurrent runners of one job take turns; each reads the cursor the last one left.
    const job = await m
      .getRepository(BatchJobEntity)
      .findOne({ where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
    if (!job) throw EnrollmentError.notFound(EnrollmentErrorCode.BATCH_JOB_NOT_FOUND, jobId);
    if (job.status !== 'RUNNING') return { job, finished: true }; // completed or failed by another runner

    const spec = kindSpec(job.kind);
    // One more than a chunk: when it is not there, this chunk is the last and completes the run.
    const next = await nextCandidates(m, spec, job.runDate, job.cursor, this.chunkSize + 1);
    const persons = next.slice(0, this.chunkSize);
    let suspended = 0;
    let failed = 0;
    if (persons.length > 0) {
      const select = await spec.selector(m, job.runDate);
      for (const personId of persons) {
        try {
          await hooks.beforePerson?.(personId); // outside the savepoints: a throw here is a crash of the whole run
        } catch (e) {
          throw new BatchPersonError(personId, e);
        }
      }
      const ctx: EffectContext = { actor, batchJobId: job.id, channel: null };
      await m.query('SAVEPOINT batch_chunk');
      try {
        suspended = await this.wholeChunk(m, persons, select, ctx);
        await m.query('RELEASE SAVEPOINT batch_chunk');
      } catch (e) {
        await m.query('ROLLBACK TO SAVEPOINT batch_chunk');
        await m.query('RELEASE SAVEPOINT batch_chunk');
        this.runtime.logger.warn(
          { batchJobId: job.id, err: e, from: persons[0], to: persons[persons.length - 1] },
          `batch ${job.kind}: the chunk's bulk write failed (${e instanceof Error ? e.message : String(e)}); ` +
            `redoing its ${persons.length} persons one by one`,
        );
        ({ suspended, failed } = await this.personByPerson(m, job, persons, select, ctx));
      }
      job.done += persons.length;
      job.suspended += suspended;
      job.failed += failed;
      job.cursor = persons[persons.length - 1] ?? job.cursor;
      job.total = Math.max(job.total, job.done);
    }
    const finished = next.length <= this.chunkSize;
    if (finished) {
      job.status = 'COMPLETED';
      job.total = job.done;
      job.finishedAt = this.runtime.clock.now();
    }
    await m.update(
      BatchJobEntity,
      { id: job.id },
      {
        done: job.done,
        suspended: job.suspended,
        failed: job.failed,
        cursor: job.cursor,
        total: job.total,
        status: job.status,
        finishedAt: job.finishedAt,
      },
    );
    return { job, finished };
  }

  /** The chunk at once: snapshots in a few queries, the selector per person, the suspensions in bulk. */
  private async wholeChunk(
    m: EntityManager,
    persons: readonly string[],
    select: PersonSelector,
    ctx: EffectContext,
  ): Promise<number> {
    const loaded = await loadPersons(m, persons);
    const items = [];
    for (const personId of persons) {
      const person = loaded.get(personId);
      if (!person) throw EnrollmentError.notFound(EnrollmentErrorCode.PERSON_NOT_FOUND, personId);
      for (const effect of select(person.snapshot)) {
        const relation = person.relations.find((r) => r.id === effect.relationId);
        if (!relation) throw EnrollmentError.notFound(EnrollmentErrorCode.RELATION_NOT_FOUND, effect.relationId);
        items.push({ relation, effect });
      }
    }
    return (await this.effects.suspendMany(m, items, ctx)).length;
  }

  /**
   * The chunk one person at a time, each in a savepoint: a person the rules or the database refuse rolls back
   * alone and is recorded in batch_job_failure; the others are suspended.
   */
  private async personByPerson(
    m: EntityManager,
    job: BatchJobEntity,
    persons: readonly string[],
    select: PersonSelector,
    ctx: EffectContext,
  ): Promise<{ suspended: number; failed: number }> {
    let suspended = 0;
    let failed = 0;
    for (const personId of persons) {
      await m.query('SAVEPOINT batch_person');
      try {
        const { snapshot } = await loadPerson(m, personId);
        const effects = select(snapshot);
        if (effects.length > 0) {
          const applied = await this.effects.apply(m, effects, ctx);
          suspended += applied.suspended.length;
        }
        await m.query('RELEASE SAVEPOINT batch_person');
      } catch (e) {
        await m.query('ROLLBACK TO SAVEPOINT batch_person');
        const error = new BatchPersonError(personId, e);
        this.runtime.logger.warn({ batchJobId: job.id, personId, err: e }, `batch ${job.kind}: ${error.message}`);
        await m.query(
          `INSERT INTO batch_job_failure (batch_job_id, person_id, error) VALUES ($1, $2, $3)
           ON CONFLICT (batch_job_id, person_id) DO UPDATE SET error = EXCLUDED.error, failed_at = now()`,
          [job.id, personId, error.message.slice(0, 2000)],
        );
        failed += 1;
      }
    }
    return { suspended, failed };
  }

  private async load(jobId: string): Promise<BatchJobEntity> {
    const job = await this.runtime.dataSource.getRepository(BatchJobEntity).findOne({ where: { id: jobId } });
    if (!job) throw EnrollmentError.notFound(EnrollmentErrorCode.BATCH_JOB_NOT_FOUND, jobId);
    return job;
  }
}

async function nextCandidates(
  m: EntityManager,
  spec: BatchJobKindSpec,
  runDate: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  // The candidates after the cursor are read in id order, a chunk at a time; the plan that does it in time proportional
  // to the chunk is a walk of the person_id index from the cursor (relation_person; person_pkey for a person-based
  // kind), stopping after one chunk. PostgreSQL did not keep to it: with DISTINCT it planned a hash aggregate over
  // every candidate left (each chunk read the whole rest of the run: quadratic); with the bound parameters it then
  // split the walk over two parallel workers, two processes started for every chunk (a 1,000,000 run spent a third of
  // its backend's active time in this statement, 50–300 ms a chunk, mostly waiting on its workers); and without
  // workers it chose a sequential scan of every relation left, sorted (1.2–2.6 s a chunk in EXPLAIN ANALYZE). For this
  // one statement, without hashing, sorting or parallel workers, the index walk is the only plan left: 1.7 ms a chunk.
  // (JIT off too: should a kind's candidates ever need a sort, its disabled cost must not buy a compilation as well.)
  await m.query(
    'SET LOCAL enable_hashagg = off; SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0; ' +
      'SET LOCAL jit = off',
  );
  const rows: Array<{ id: string }> = await m.query(
    `SELECT c.id FROM (${spec.candidatesSql}) c WHERE ($2::uuid IS NULL OR c.id > $2::uuid) ORDER BY c.id LIMIT $3`,
    [runDate, after, limit],
  );
  // (if the statement fails, the chunk's transaction is rolled back, and the settings with it)
  await m.query('RESET enable_hashagg; RESET enable_sort; RESET max_parallel_workers_per_gather; RESET jit');
  return rows.map((r) => r.id);
}

async function countCandidates(
  m: EntityManager,
  spec: BatchJobKindSpec,
  runDate: string,
  after: string | null,
): Promise<number> {
  const [row] = (await m.query(
    `SELECT count(*)::int AS n FROM (${spec.candidatesSql}) c WHERE ($2::uuid IS NULL OR c.id > $2::uuid)`,
    [runDate, after],
  )) as Array<{ n: number }>;
  return row?.n ?? 0;
}
