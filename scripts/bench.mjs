// npm run bench — measures, never asserts. Needs the stack running (`npm run stack` in another terminal).
// Prints: federated read throughput and latency, registration (write) throughput and latency, and the latency from a
// registration to its notification being readable (outbox → Kafka → consumer → federated query).
// Options: --duration 10 (seconds per load phase), --connections 10, --events 30. Traffic goes to 127.0.0.1 only.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    events: { type: 'string', default: '30' },
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
  },
});
const url = new URL(values.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error('the benchmark only targets this machine (127.0.0.1)');
  process.exit(2);
}
const duration = Number(values.duration);
const connections = Number(values.connections);

try {
  await fetch(new URL('/health', url));
} catch {
  console.error(`nothing answers at ${url.origin}: start the stack first with \`npm run stack\``);
  process.exit(1);
}
const token = spawnSync('node', ['scripts/token.mjs', '--role', 'CITY_STAFF', '--subject', 'bench'], {
  cwd: root,
  encoding: 'utf8',
}).stdout.trim();
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

async function gql(query, variables = {}) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return res.json();
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let counter = Math.floor(Math.random() * 1e6);
/** A fresh, valid resident ID per request (district 120104, birth dates spread over 1960–1999). */
function nextId() {
  counter += 1;
  const year = 1960 + (counter % 40);
  const day = String(1 + (Math.floor(counter / 40) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(counter / 1120) % 12)).padStart(2, '0');
  const seq = String(Math.floor(counter / 13440) % 1000).padStart(3, '0');
  const body = `120104${year}${month}${day}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return body + '10X98765432'[sum % 11];
}

const REGISTER = 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }';
const READ = 'query ($id: ID!) { person(id: $id) { id name messages { title } transfers { id } } }';

function report(title, r) {
  const errors = r.errors + r.non2xx;
  console.log(`\n${title}`);
  console.log(`  requests        ${r.requests.total} in ${r.duration.toFixed(1)} s, ${connections} connections`);
  console.log(`  throughput      ${r.requests.average.toFixed(1)} req/s`);
  console.log(
    `  latency (ms)    p50 ${r.latency.p50}  p90 ${r.latency.p90}  p99 ${r.latency.p99}  max ${r.latency.max}`,
  );
  console.log(`  errors          ${errors}`);
}

console.log(`yibao benchmark against ${url.href} — ${new Date().toISOString()}`);
const seeded = await gql(REGISTER, { input: { idNumber: nextId(), name: '压测读', mobile: '13800000000' } });
const readId = seeded.data?.registerPerson?.id;
if (!readId) {
  console.error('could not register the read target:', JSON.stringify(seeded.errors));
  process.exit(1);
}

const reads = await autocannon({
  url: url.href,
  connections,
  duration,
  method: 'POST',
  headers,
  body: JSON.stringify({ query: READ, variables: { id: readId } }),
});
report('federated read: person + messages (notification) + transfers (transfer)', reads);

const writes = await autocannon({
  url: url.href,
  connections,
  duration,
  requests: [
    {
      method: 'POST',
      headers,
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ query: REGISTER, variables: { input: { idNumber: nextId(), name: '压测写' } } }),
      }),
    },
  ],
});
report('write: registerPerson (validation, row, outbox event in one transaction)', writes);

const samples = [];
for (let i = 0; i < Number(values.events); i++) {
  const started = performance.now();
  const r = await gql(REGISTER, { input: { idNumber: nextId(), name: '事件时延' } });
  const id = r.data?.registerPerson?.id;
  if (!id) continue;
  for (;;) {
    const q = await gql('query ($id: ID!) { person(id: $id) { messages { id } } }', { id });
    if (q.data?.person?.messages?.length) break;
    if (performance.now() - started > 30000) break;
    await new Promise((res) => setTimeout(res, 10));
  }
  samples.push(performance.now() - started);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]?.toFixed(0);
console.log(
  `\nevent path: registration → outbox → Kafka → notification → readable message (${samples.length} samples)`,
);
console.log(`  latency (ms)    p50 ${pct(50)}  p90 ${pct(90)}  max ${samples.at(-1)?.toFixed(0)}`);
