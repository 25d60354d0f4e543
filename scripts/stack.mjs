// npm run stack — the whole system on this machine with demo data:
// infrastructure (Kafka, PostgreSQL, databases, topics) → build → four subgraphs + gateway → demo data.
// Ctrl-C stops the services (the infrastructure keeps running; `npm run infra:down` stops it).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoData } from './demo-data.mjs';

const root = join(import.meta.dirname, '..');
const NODE_FLAGS = JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8')).services;
const step = (title, cmd, args) => {
  console.log(`▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

step('infrastructure', 'node', ['infra/infra.mjs', 'up']);
step('build', 'npx', ['tsc', '-b', 'tsconfig.build.json']);

const processes = [
  { name: 'enrollment', main: 'services/enrollment/dist/main.js', port: 4001 },
  { name: 'transfer', main: 'services/transfer/dist/main.js', port: 4002 },
  { name: 'benefits', main: 'services/benefits/dist/main.js', port: 4003 },
  { name: 'notification', main: 'services/notification/dist/main.js', port: 4004 },
  { name: 'gateway', main: 'gateway/dist/main.js', port: 4000 },
];
const children = [];
const stopAll = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', () => {
  console.log('\nstopping services…');
  stopAll();
  setTimeout(() => process.exit(0), 3000).unref();
});

async function waitHealthy(name, port) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become healthy on port ${port}`);
}

for (const p of processes) {
  // the heap limits production runs with (scripts/node-flags.json; the Dockerfile sets the same in NODE_OPTIONS)
  const child = spawn('node', [...NODE_FLAGS, p.main], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    // the local stack raises the gateway's per-caller rate limit (300/min by default) so `npm run bench` measures
    // the services, not the limiter; set RATE_LIMIT_MAX to see the limit at work
    env: { RATE_LIMIT_MAX: '1000000', ...process.env, PORT: String(p.port) },
  });
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`${p.name} exited with ${code}`);
  });
  children.push(child);
}
try {
  for (const p of processes) await waitHealthy(p.name, p.port);
} catch (e) {
  console.error(String(e));
  stopAll();
  process.exit(1);
}

const token = spawnSync('node', ['scripts/token.mjs', '--role', 'CITY_STAFF', '--subject', 'demo-clerk'], {
  cwd: root,
  encoding: 'utf8',
}).stdout.trim();
const seeded = await seedDemoData('http://127.0.0.1:4000/graphql', token);
console.log('\nyibao is up:');
console.log('  gateway   http://127.0.0.1:4000/graphql   (Apollo Sandbox in a browser outside production)');
for (const p of processes.slice(0, 4))
  console.log(`  ${p.name.padEnd(12)} http://127.0.0.1:${p.port}/graphql  /health  /metrics`);
console.log('\ndemo persons:');
for (const s of seeded) console.log(`  ${s.name}  ${s.id}  (${s.status})`);
console.log(`\na CITY_STAFF token (8 h):\n  ${token}\n`);
console.log('Ctrl-C stops the services.');
