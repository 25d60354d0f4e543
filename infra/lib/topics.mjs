// The Kafka topics of yibao (shared/src/events/topics.json) and the functions that create and inspect them.
// Importable from tests: `const { ensureTopics } = await import('../../infra/lib/topics.mjs')`.
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { ROOT, sleep } from './util.mjs';

const { Kafka, logLevel } = kafkajs;

export const TOPICS_FILE = path.join(ROOT, 'shared', 'src', 'events', 'topics.json');

/** The broker list: KAFKA_BROKERS (comma-separated) or 127.0.0.1:KAFKA_PORT (default 9092). */
export function defaultBrokers(env = process.env) {
  if (env.KAFKA_BROKERS)
    return env.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  return [`127.0.0.1:${env.KAFKA_PORT || 9092}`];
}

/** Reads topics.json: { partitions, topics: [{ name, partitions }] } (a topic may override the partition count). */
export function loadTopics(file = TOPICS_FILE) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const partitions = Number(spec.partitions);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`${file}: "partitions" must be a positive integer`);
  const seen = new Set();
  const topics = spec.topics.map((t) => {
    const name = typeof t === 'string' ? t : t.name;
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(name ?? ''))
      throw new Error(`${file}: invalid topic name ${JSON.stringify(name)}`);
    if (seen.has(name)) throw new Error(`${file}: topic ${name} listed twice`);
    seen.add(name);
    return { name, partitions: Number(t.partitions ?? partitions) };
  });
  return { partitions, topics };
}

/** A kafkajs admin client, quiet unless told otherwise. */
export function createAdmin({ brokers = defaultBrokers(), clientId = 'yibao-infra', level = logLevel.NOTHING } = {}) {
  const kafka = new Kafka({
    clientId,
    brokers,
    logLevel: level,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
  return kafka.admin();
}

async function withAdmin(opts, fn) {
  const admin = opts.admin ?? createAdmin(opts);
  if (!opts.admin) await admin.connect();
  try {
    return await fn(admin);
  } finally {
    if (!opts.admin) await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Creates every missing topic of topics.json (replication factor 1) and leaves existing ones alone.
 * Resolves [{ name, partitions, created, actualPartitions }].
 * Options: brokers, admin (an already connected kafkajs admin), topics (defaults to topics.json), replicationFactor.
 */
export async function ensureTopics(opts = {}) {
  const topics = opts.topics ?? loadTopics().topics;
  const replicationFactor = opts.replicationFactor ?? 1;
  return withAdmin(opts, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      let createError;
      try {
        // Not kafkajs' waitForLeaders: against a KRaft broker its Metadata call right after CreateTopics can get
        // UNKNOWN_TOPIC_OR_PARTITION (the broker's metadata cache lags the controller) and kafkajs only retries
        // LEADER_NOT_AVAILABLE, so createTopics throws although the topic is being created. waitForTopics polls.
        await admin.createTopics({
          waitForLeaders: false,
          timeout: 30000,
          topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor })),
        });
      } catch (e) {
        createError = e; // e.g. TOPIC_ALREADY_EXISTS when another process created some at the same time
      }
      const ready = await waitForTopics(
        admin,
        missing.map((t) => t.name),
        { timeoutMs: opts.timeoutMs ?? 30000 },
      );
      if (!ready) throw createError ?? new Error(`topics not ready: ${missing.map((t) => t.name).join(', ')}`);
    }
    const described = await describe(
      admin,
      topics.map((t) => t.name),
    );
    return topics.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      created: missing.includes(t),
      actualPartitions: described.get(t.name),
    }));
  });
}

/** Resolves [{ name, partitions, present, actualPartitions }] for every topic of topics.json. */
export async function describeTopics(opts = {}) {
  const topics = opts.topics ?? loadTopics().topics;
  return withAdmin(opts, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const described = await describe(
      admin,
      topics.map((t) => t.name).filter((n) => existing.has(n)),
    );
    return topics.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      present: existing.has(t.name),
      actualPartitions: described.get(t.name),
    }));
  });
}

/**
 * Polls until every topic of `names` is in the broker's metadata with a leader for each partition.
 * Resolves true, or false after timeoutMs. Uses listTopics first, so kafkajs never asks for an unknown topic
 * (which it would log at ERROR). `admin` is a connected kafkajs admin.
 */
export async function waitForTopics(admin, names, { timeoutMs = 30000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const listed = new Set(await admin.listTopics());
      if (names.every((n) => listed.has(n))) {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return true;
      }
    } catch {
      /* not there yet */
    }
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

async function describe(admin, names) {
  const counts = new Map();
  if (names.length === 0) return counts;
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  for (const t of topics) counts.set(t.name, t.partitions.length);
  return counts;
}
