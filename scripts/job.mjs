// npm run job -- <graduation|year-end|newborn> --date YYYY-MM-DD [--by <name>] [--chunk <n>]
// Runs one enrollment batch job (E12–E14) against the enrollment database and Kafka. The logic lives in
// services/enrollment/src/jobs/cli.ts; this builds the service first when its dist is missing or older than src.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Newest modification time of the files under `dir` whose names pass `keep` (0 when there are none). */
function newest(dir, keep) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newest(path, keep));
    else if (keep(entry.name)) max = Math.max(max, statSync(path).mtimeMs);
  }
  return max;
}

const source = (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts');
const output = (name) => name.endsWith('.js');
const stale = (pkg) => newest(join(root, pkg, 'src'), source) > newest(join(root, pkg, 'dist'), output);
const cli = join(root, 'services/enrollment/dist/jobs/cli.js');

if (!existsSync(cli) || stale('shared') || stale('services/enrollment')) {
  process.stderr.write('building the enrollment service (npx tsc -b services/enrollment)…\n');
  const build = spawnSync('npx', ['tsc', '-b', 'services/enrollment'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The job runs under the services' V8 heap limits (scripts/node-flags.json), as in the container (NODE_OPTIONS): without
// them it peaked at 237 MB at 10,000 relations, with them 143 MB (bench/results.md). Started without them, it starts
// itself again with them.
const flags = JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8')).services;
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = flags.filter((f) => !given.some((g) => g.split('=')[0] === f.split('=')[0]));
if (missing.length > 0) {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(run.status ?? 1);
}

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1'; // the outbox sets keys; the partitioner notice is noise here
const { runJobCli } = require(cli);
// Let stdout/stderr drain and the connections close; exit anyway if something still holds the loop.
process.exitCode = await runJobCli(process.argv.slice(2));
setTimeout(() => process.exit(), 2000).unref();
