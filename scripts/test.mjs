// npm test — every test, from a machine with only Node, a JDK and Maven:
//   1. infrastructure up (idempotent: Kafka from Maven jars, PostgreSQL, databases, topics)
//   2. type-check (the test transformer strips types without checking them)
//   3. the rule-coverage and supergraph checks ride along in the unit project
//   4. unit tests in parallel, then integration and end-to-end suites in band against the one Kafka
// Ends with one line "tests: N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.find((a) => a === '--unit' || a === '--integration');

function run(title, cmd, cmdArgs) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

mkdirSync(join(root, '.data'), { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
function count(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    totals.failed += 1; // the runner itself failed before writing results
  }
}

let status = 0;
if (only !== '--unit') {
  status ||= run('infrastructure (npm run infra:up)', 'node', ['infra/infra.mjs', 'up']);
  if (status) process.exit(status);
}
status ||= run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']);

const jest = join(root, 'node_modules', '.bin', 'jest');
if (only !== '--integration') {
  const out = join(root, '.data', 'jest-unit.json');
  status = run('unit tests', jest, ['--selectProjects', 'unit', '--json', `--outputFile=${out}`]) || status;
  count(out);
}
if (only !== '--unit') {
  const out = join(root, '.data', 'jest-integration.json');
  status =
    run('integration and end-to-end tests (in band, real PostgreSQL and Kafka)', jest, [
      '--selectProjects',
      'integration',
      'e2e',
      '--runInBand',
      '--forceExit',
      '--json',
      `--outputFile=${out}`,
    ]) || status;
  count(out);
}

console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(status || (totals.failed > 0 ? 1 : 0));
