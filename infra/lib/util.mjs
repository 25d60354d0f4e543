// Small helpers shared by the infra modules: paths, processes, ports, waiting, files.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export { sleep };

/** Root of the checkout (infra/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** All runtime state lives here (gitignored). */
export const DATA_DIR = path.join(ROOT, '.data');

/** True when a process with this pid exists (signal 0 probes without sending anything). */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The command line of a process ('' when it is gone or unreadable). */
export function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** A zombie has exited but is not reaped yet: it counts as dead. */
export function isZombie(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function readPidFile(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Resolves true when something accepts a TCP connection on host:port within timeoutMs. */
export function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Calls fn until it returns a truthy value or the deadline passes; returns that value or undefined. */
export async function waitFor(fn, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(intervalMs);
  }
}

/** Runs a command to completion; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr }));
  });
}

/** The last n lines of a text file ('' when missing). */
export function tail(file, n = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-n - 1)
      .join('\n');
  } catch {
    return '';
  }
}

/** Sends SIGTERM, waits up to graceMs for the process to go, then SIGKILL. Resolves 'term' | 'kill' | 'gone'. */
export async function terminate(pid, graceMs = 30_000) {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  const gone = await waitFor(() => !isAlive(pid) || isZombie(pid), { timeoutMs: graceMs, intervalMs: 200 });
  if (gone) return 'term';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'term';
  }
  await waitFor(() => !isAlive(pid) || isZombie(pid), { timeoutMs: 10_000, intervalMs: 100 });
  return 'kill';
}

/** Compares dotted versions numerically: <0, 0, >0. */
export function compareVersions(a, b) {
  const pa = String(a)
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  const pb = String(b)
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A cross-process lock (a file created with O_EXCL holding the owner's pid) so that two `infra up` runs at
 * once do not both start Kafka. A lock whose owner is dead is taken over. Returns a release function.
 */
export async function acquireLock(file, timeoutMs = 180_000) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const owner = readPidFile(file);
      if (!owner || !isAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new Error(`another infra command (pid ${owner}) holds ${file}`);
      await sleep(500);
    }
  }
}

/** Formats milliseconds as "1.2s". */
export function secs(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}
