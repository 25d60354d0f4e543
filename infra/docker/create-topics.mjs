#!/usr/bin/env node
// One-shot topic creation for docker-compose (the `kafka-init` service): waits for the broker at KAFKA_BROKERS,
// then creates every topic of shared/src/events/topics.json that is missing (same code as `infra up`).
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultBrokers, ensureTopics } from '../lib/topics.mjs';

const brokers = defaultBrokers();
const deadline = Date.now() + Number(process.env.KAFKA_WAIT_MS || 120_000);
for (let attempt = 1; ; attempt++) {
  try {
    const topics = await ensureTopics({ brokers });
    for (const t of topics) {
      process.stdout.write(
        `topic ${t.name}: ${t.created ? 'created' : 'present'} (${t.actualPartitions} partitions)\n`,
      );
    }
    process.exit(0);
  } catch (e) {
    if (Date.now() > deadline) {
      process.stderr.write(`cannot create topics on ${brokers.join(',')}: ${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`waiting for Kafka at ${brokers.join(',')} (attempt ${attempt}: ${e.message})\n`);
    await sleep(2000);
  }
}
