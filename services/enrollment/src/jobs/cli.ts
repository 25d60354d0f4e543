import {
  ConfigError,
  createLogger,
  createRuntime,
  loadConfig,
  type Clock,
  type Identity,
  type OutboxRelay,
  type ServiceRuntime,
} from '@yibao/shared';
import { SingleBar } from 'cli-progress';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { EnrollmentError } from '../app/errors';
import { entities, type BatchJobEntity, type BatchJobKind } from '../entities';
import { migrations } from '../migrations';
import { enrollment } from '../service';
import { kindSpec } from './kinds';
import { BatchJobRunner, DEFAULT_CHUNK_SIZE } from './runner';

const KINDS: Record<string, BatchJobKind> = {
  graduation: 'GRADUATION',
  'year-end': 'YEAR_END',
  newborn: 'NEWBORN_MONTH_END',
};

const USAGE = `usage: npm run job -- <graduation|year-end|newborn> --date YYYY-MM-DD [--by <name>] [--chunk <n>]

  graduation   E12: students of higher education whose school years ran out by --date (the graduation day)
  year-end     E13: --date is 31 December; residents who did not pay next year in the centralised period
  newborn      E14: --date is a month's last day; newborns over 180 days old without an ID number

One run per kind and date: a completed run is reported and changes nothing; a failed or interrupted one resumes.
Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/yibao_enrollment), KAFKA_BROKERS, LOG_LEVEL.
Exit status: 0 completed, 1 failed, 2 bad usage, 130 interrupted (run again to resume).
`;

export interface JobCliIo {
  env?: Record<string, string | undefined>;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Today for the run-date check; the system's China date by default. */
  clock?: Clock;
}

/** `npm run job -- year-end --date 2026-12-31`: runs one batch job against the enrollment database; the exit code. */
export async function runJobCli(argv: readonly string[], io: JobCliIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const print = (s: string) => stdout.write(`${s}\n`);
  const fail = (s: string, code: number) => {
    stderr.write(`${s}\n`);
    return code;
  };

  let args: JobArgs | 'help';
  try {
    args = parse(argv);
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`, 2);
  }
  if (args === 'help') {
    print(USAGE);
    return 0;
  }

  let config;
  try {
    config = loadConfig(enrollment.configSchema, env);
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message, 2);
    throw e;
  }
  const logger = createLogger('enrollment-job', env.LOG_LEVEL ?? 'warn');
  const actor: Identity = { subject: args.by, role: 'SYSTEM' };
  const label = `${Object.keys(KINDS).find((k) => KINDS[k] === args.kind)} ${args.runDate} (${kindSpec(args.kind).rule})`;

  let runtime: ServiceRuntime | null = null;
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    // The same runtime as the service's (database with migrations, producer, outbox relay), with a small pool.
    runtime = await createRuntime({
      name: 'enrollment',
      config,
      entities,
      migrations,
      logger,
      clock: io.clock,
      clientId: 'yibao-enrollment-job',
      poolSize: 4,
    });
    const { relay } = runtime;
    const runner = new BatchJobRunner(runtime, args.chunk);

    let claimed;
    try {
      claimed = await runner.claim(args.kind, args.runDate, actor);
    } catch (e) {
      if (e instanceof EnrollmentError) return fail(`${label}: ${e.reason.zh} / ${e.reason.en}`, 2);
      throw e;
    }
    const { job: before } = claimed;
    if (claimed.alreadyCompleted) {
      print(
        `${label} had completed at ${before.finishedAt?.toISOString()}: ${before.done} persons, ` +
          `${before.suspended} relations suspended. Nothing changed.`,
      );
      return 0;
    }
    if (claimed.resumed) {
      print(`${label}: resuming the run started by ${before.startedBy} at ${before.startedAt.toISOString()}`);
      print(`  after ${before.done} persons (${before.suspended} relations suspended so far)`);
    }

    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} persons | {suspended} suspended | ETA {eta_formatted}`,
      stream: stderr,
      hideCursor: true,
    });
    // Without a terminal (cron, a log file) the bar stays silent: a line per tenth instead.
    const tty = (stderr as NodeJS.WriteStream).isTTY === true;
    let tenth = Math.floor((before.done * 10) / Math.max(before.total, 1));
    bar.start(before.total, before.done, { suspended: before.suspended });
    const started = Date.now();
    let job: BatchJobEntity;
    try {
      job = await runner.process(before.id, actor, {
        signal: interrupt.signal,
        onProgress: (j) => {
          bar.setTotal(j.total);
          bar.update(j.done, { suspended: j.suspended });
          const now = Math.floor((j.done * 10) / Math.max(j.total, 1));
          if (!tty && now > tenth) {
            tenth = now;
            stderr.write(`${label}: ${j.done}/${j.total} persons, ${j.suspended} relations suspended\n`);
          }
        },
      });
    } finally {
      bar.stop();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await flushOutbox(relay, (s) => stderr.write(`${s}\n`));

    const failed = job.failed > 0 ? `, ${job.failed} persons failed (see batchJob(id) { failures })` : '';
    const summary = `${job.done}/${job.total} persons, ${job.suspended} relations suspended${failed}, ${seconds} s`;
    if (job.status === 'COMPLETED') {
      print(`${label}: COMPLETED — ${summary} (batch job ${job.id})`);
      return 0;
    }
    if (job.status === 'RUNNING') {
      return fail(`${label}: interrupted — ${summary}; run the same command again to resume`, 130);
    }
    return fail(`${label}: FAILED — ${summary}\n  ${job.error}\n  fix the cause and run again to resume`, 1);
  } catch (e) {
    return fail(`${label}: ${e instanceof Error ? e.message : String(e)}`, 1);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await runtime?.close().catch(() => undefined);
  }
}

interface JobArgs {
  kind: BatchJobKind;
  runDate: string;
  by: string;
  chunk: number;
}

function parse(argv: readonly string[]): JobArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      by: { type: 'string' },
      chunk: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new Error('name one job: graduation, year-end or newborn');
  const kind = KINDS[positionals[0] ?? ''];
  if (!kind) throw new Error(`unknown job "${positionals[0]}": graduation, year-end or newborn`);
  if (!values.date) throw new Error('--date YYYY-MM-DD is required');
  const chunk = values.chunk === undefined ? DEFAULT_CHUNK_SIZE : Number(values.chunk);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 10000) throw new Error('--chunk must be 1 to 10000');
  return { kind, runDate: values.date, by: values.by ?? `job-cli:${safeUser()}`, chunk };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Sends what the run left in the outbox; what Kafka refuses stays there for the service's relay. */
async function flushOutbox(relay: OutboxRelay, warn: (s: string) => void): Promise<void> {
  const until = Date.now() + 30_000;
  try {
    await relay.stop(); // its loop may hold a claimed batch: let it finish first
    while (Date.now() < until && (await relay.publishPending()) > 0);
  } catch (e) {
    warn(
      `events not sent yet (${e instanceof Error ? e.message : String(e)}); the enrollment service's relay sends them`,
    );
    return;
  }
  const left = await relay.backlog().catch(() => 0);
  if (left > 0) warn(`${left} events wait in the outbox; the enrollment service's relay sends them`);
}
