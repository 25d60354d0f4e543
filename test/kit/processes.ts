import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testServiceEnv } from './env';
import { eventually } from './eventually';

const ROOT = join(__dirname, '..', '..');
/** Runs TypeScript sources in a child process as Jest does (SWC, the same module map). */
const TS_REGISTER = join(ROOT, 'test', 'support', 'ts-register.js');
const run = promisify(execFile);

/**
 * A Kafka broker of the suite's own (infra/kafka-instance.mjs): its own ports and data directory under .data/, so a
 * fault test can stop and start it while every other test run on the machine keeps the shared broker.
 */
export class PrivateKafka {
  readonly brokers: string;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly controllerPort: number,
    private readonly heap = '384m',
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  private async infra(cmd: 'up' | 'down' | 'status' | 'wipe'): Promise<Record<string, unknown>> {
    const args = ['infra/kafka-instance.mjs', cmd, this.name, String(this.port), String(this.controllerPort)];
    if (cmd === 'up') args.push(this.heap);
    const { stdout } = await run('node', args, { cwd: ROOT, timeout: 180_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  }

  /** Starts the broker (idempotent) and creates the topics; resolves once it answers. */
  up(): Promise<Record<string, unknown>> {
    return this.infra('up');
  }

  /** Stops the broker and deletes its data: the next `up` formats a new, empty cluster. */
  wipe(): Promise<Record<string, unknown>> {
    return this.infra('wipe');
  }

  /** Stops the broker (SIGTERM; SIGKILL after 30 s). */
  down(): Promise<Record<string, unknown>> {
    return this.infra('down');
  }
}

/**
 * A subgraph run as a process of its own from its TypeScript sources (test/support/ts-register.js), so a test can
 * kill it with SIGKILL — no drain, no flush, no offset commit — and start it again on the same database and group.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  url = '';
  output = '';

  constructor(
    readonly service: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(timeoutMs = 60_000): Promise<this> {
    this.output = '';
    this.url = '';
    const child = spawn('node', ['--require', TS_REGISTER, `services/${this.service}/src/main.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...testServiceEnv(this.service, { LOG_LEVEL: 'info', ...this.env }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onData = (d: Buffer) => {
      this.output += d.toString();
      const ready = /"url":"(http:\/\/127\.0\.0\.1:\d+\/graphql)","msg":"[a-z]+ subgraph ready"/.exec(this.output);
      if (ready) this.url = ready[1]!;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await eventually(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${this.service} exited (${child.exitCode}):\n${this.output.slice(-3000)}`);
        return this.url;
      },
      timeoutMs,
      `${this.service} process ready`,
    );
    return this;
  }

  /** SIGKILL: the process dies wherever it is. Resolves once it is gone. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM: the service's own clean shutdown. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  private signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  }
}
