#!/usr/bin/env node
// A private Kafka broker beside the shared one: its own ports, its own data directory (.data/kafka-<name>), the same
// jars and the same topics. Fault tests own one, so they can stop and start it while other runs keep the shared broker.
//
//   node infra/kafka-instance.mjs up     <name> <port> <controllerPort> [heap]   start it (idempotent), create the topics
//   node infra/kafka-instance.mjs down   <name> <port> <controllerPort>          stop it (SIGTERM, then SIGKILL)
//   node infra/kafka-instance.mjs status <name> <port> <controllerPort>          exit 0 when it answers
//   node infra/kafka-instance.mjs wipe   <name> <port> <controllerPort>          stop it and delete its data directory
//
// Prints one JSON line ({ state, pid, ms, ... }) so a caller (test/kit/kafka-instance.ts) can read it.
import fs from 'node:fs';
import { kafkaConfig, kafkaDown, kafkaStatus, kafkaUp } from './lib/kafka.mjs';
import { ensureTopics, loadTopics } from './lib/topics.mjs';

const [cmd, instance, port, controllerPort, heap] = process.argv.slice(2);
if (!['up', 'down', 'status', 'wipe'].includes(cmd) || !instance || !port || !controllerPort) {
  process.stderr.write(
    'usage: node infra/kafka-instance.mjs up|down|status|wipe <name> <port> <controllerPort> [heap]\n',
  );
  process.exit(2);
}
const config = kafkaConfig(process.env, { instance, port: Number(port), controllerPort: Number(controllerPort), heap });

async function main() {
  if (cmd === 'up') {
    const { partitions, topics } = loadTopics();
    const r = await kafkaUp({ partitions, config, timeoutMs: 120_000 });
    const created = await ensureTopics({ brokers: config.brokers, topics });
    return { ...r, brokers: config.brokers, topics: created.length };
  }
  if (cmd === 'down') return kafkaDown({ config });
  if (cmd === 'wipe') {
    const r = await kafkaDown({ config });
    fs.rmSync(config.dir, { recursive: true, force: true });
    return { ...r, wiped: config.dir };
  }
  const s = await kafkaStatus({ config });
  return { up: s.up, pid: s.pid, brokers: config.brokers };
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(cmd === 'status' && !r.up ? 1 : 0);
  },
  (e) => {
    process.stderr.write(`kafka-instance ${cmd}: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  },
);
