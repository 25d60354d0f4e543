#!/usr/bin/env node
// Does kafkajs (the client yibao uses) work against the broker pinned in infra/kafka/pom.xml?
// Exercises every Kafka API the services rely on and fails loudly on any error, crash or kafkajs warning:
//
//   admin      ApiVersions, Metadata, DescribeCluster, CreateTopics, ListOffsets, DescribeConfigs
//   producer   InitProducerId + Produce (idempotent, acks -1, maxInFlightRequests 1), then a transactional
//              producer (AddPartitionsToTxn, EndTxn)
//   consumer   FindCoordinator, JoinGroup, SyncGroup, Heartbeat, Fetch, OffsetCommit, LeaveGroup
//   admin      ListGroups, DescribeGroups, OffsetFetch, DeleteGroups, DeleteTopics
//
// Run: node infra/kafka/smoke.mjs   (broker: KAFKA_BROKERS or 127.0.0.1:KAFKA_PORT, default 127.0.0.1:9092)
// Exit 0 = every step passed with no kafkajs warning or error logged; 1 otherwise.
import kafkajs from 'kafkajs';
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import net from 'node:net';
import { clearTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultBrokers, waitForTopics } from '../lib/topics.mjs';

const { Kafka, logLevel, Partitioners, CompressionTypes } = kafkajs;

const brokers = defaultBrokers();
const stamp = `${Date.now().toString(36)}-${process.pid}`;
const topic = `yibao-smoke-${stamp}`;
const groupId = `yibao-smoke-${stamp}`;
const PARTITIONS = 3;
const MESSAGES = 30;
const TXN_MESSAGES = 5;

/**
 * Everything kafkajs logs at WARN or ERROR fails the run, except the three retriable coordinator errors every
 * client meets on a freshly started broker while __consumer_offsets / __transaction_state are created and loaded
 * (kafkajs retries them and logs them at ERROR; they are listed as transient, and a second run has none).
 */
const TRANSIENT = [
  "The coordinator is loading and hence can't process requests for this group", // COORDINATOR_LOAD_IN_PROGRESS
  'The group coordinator is not available', // COORDINATOR_NOT_AVAILABLE
  'This is not the correct coordinator for this group', // NOT_COORDINATOR
];
const logged = [];
const transient = [];
const LEVELS = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
};
const logCreator =
  () =>
  ({ level, label, namespace, log }) => {
    if (level > logLevel.WARN) return;
    const { message, timestamp: _t, logger: _l, ...extra } = log;
    const entry = `[kafkajs ${LEVELS[level] ?? label}] ${namespace}: ${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR && TRANSIENT.includes(extra.error) && /^Response /.test(message)) {
      transient.push(entry);
      process.stdout.write(`  ~ transient: ${entry}\n`);
      return;
    }
    logged.push(entry);
    process.stdout.write(`  ! ${entry}\n`);
  };

const kafka = new Kafka({
  clientId: 'yibao-smoke',
  brokers,
  logLevel: logLevel.WARN,
  logCreator,
  connectionTimeout: 5000,
  requestTimeout: 15000,
  // No client-wide `retry`: it is merged into the producers' and kafkajs warns that an idempotent producer with
  // limited retries "may invalidate EoS guarantees".
});

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    process.stdout.write(`ok    ${name} (${Date.now() - t0} ms)${detail ? `: ${detail}` : ''}\n`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    process.stdout.write(`FAIL  ${name} (${Date.now() - t0} ms): ${e?.name ?? 'Error'}: ${e?.message ?? e}\n`);
    if (e?.type) process.stdout.write(`      kafka error type ${e.type}, code ${e.code}\n`);
    throw e;
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The broker's supported [min, max] per API key, from a raw ApiVersions v0 request (every broker answers v0). */
function brokerApiVersions(broker) {
  const [host, port] = [broker.slice(0, broker.lastIndexOf(':')), Number(broker.slice(broker.lastIndexOf(':') + 1))];
  const clientId = Buffer.from('yibao-smoke');
  const body = Buffer.alloc(10 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2); // v0
  body.writeInt32BE(1, 4); // correlation id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.write(Buffer.concat([size, body])));
    let buf = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('ApiVersions timed out')));
    socket.on('error', reject);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      socket.end();
      const errorCode = buf.readInt16BE(8);
      const count = buf.readInt32BE(10);
      const apis = new Map();
      for (let i = 0, o = 14; i < count; i++, o += 6)
        apis.set(buf.readInt16BE(o), [buf.readInt16BE(o + 2), buf.readInt16BE(o + 4)]);
      resolve({ errorCode, apis });
    });
  });
}

/** The request versions kafkajs implements, per API (from its own protocol definitions). */
function kafkajsApiVersions() {
  const require = createRequire(import.meta.url);
  const apiKeys = require('kafkajs/src/protocol/requests/apiKeys');
  const requests = require('kafkajs/src/protocol/requests');
  const out = [];
  for (const [name, key] of Object.entries(apiKeys)) {
    const def = requests.requests?.[name] ?? requests[name];
    const versions = (def?.versions ?? []).map(Number);
    if (versions.length > 0) out.push({ name, key, versions });
  }
  return out;
}

const admin = kafka.admin();
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
  allowAutoTopicCreation: false,
});
const txProducer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  transactionalId: `yibao-smoke-tx-${stamp}`,
  createPartitioner: Partitioners.DefaultPartitioner,
  allowAutoTopicCreation: false,
});
const consumer = kafka.consumer({
  groupId,
  sessionTimeout: 10000,
  heartbeatInterval: 1000,
  allowAutoTopicCreation: false,
});
let consumerCrash;
consumer.on(consumer.events.CRASH, (e) => {
  consumerCrash = e.payload.error;
  process.stdout.write(`  ! consumer crashed: ${e.payload.error?.message}\n`);
});
let joined;
consumer.on(consumer.events.GROUP_JOIN, (e) => (joined = e.payload));

async function main() {
  process.stdout.write(
    `kafkajs ${(await import('kafkajs/package.json', { with: { type: 'json' } })).default.version} -> ${brokers.join(',')}\n`,
  );

  await step('ApiVersions: kafkajs versions vs broker ranges', async () => {
    const { errorCode, apis } = await brokerApiVersions(brokers[0]);
    assert(errorCode === 0, `ApiVersions v0 error code 0 (got ${errorCode})`);
    const unusable = [];
    const table = [];
    for (const { name, key, versions } of kafkajsApiVersions()) {
      const range = apis.get(key);
      const usable = range ? versions.filter((v) => v >= range[0] && v <= range[1]) : [];
      const picked = usable.length ? Math.max(...usable) : undefined;
      table.push(
        `${name}(${key}) kafkajs ${Math.min(...versions)}-${Math.max(...versions)} broker ${range ? range.join('-') : 'none'} -> ${picked ?? 'NONE'}`,
      );
      if (picked === undefined) unusable.push(name);
    }
    for (const row of table) process.stdout.write(`      ${row}\n`);
    // An API kafkajs implements but cannot speak with this broker breaks the kafkajs feature behind it.
    assert(unusable.length === 0, `kafkajs has no usable version of: ${unusable.join(', ')}`);
    return `${table.length} APIs implemented by kafkajs, all negotiable`;
  });

  await step('admin connect + describeCluster', async () => {
    await admin.connect();
    const c = await admin.describeCluster();
    assert(c.brokers.length >= 1, 'at least one broker');
    return `cluster ${c.clusterId}, controller ${c.controller}, brokers ${c.brokers.map((b) => `${b.host}:${b.port}`).join(',')}`;
  });

  await step('admin createTopics', async () => {
    // waitForLeaders: false + waitForTopics, not kafkajs' waitForLeaders: see ensureTopics in infra/lib/topics.mjs
    // (a kafkajs race with KRaft brokers, any version: UNKNOWN_TOPIC_OR_PARTITION right after CreateTopics).
    const created = await admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    });
    assert(created === true, 'createTopics returned true');
    assert(await waitForTopics(admin, [topic], { timeoutMs: 15000 }), 'topic and leaders visible in metadata');
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    assert(md.topics[0].partitions.length === PARTITIONS, `${PARTITIONS} partitions`);
    return `${topic} with ${PARTITIONS} partitions`;
  });

  await step('admin describeConfigs (topic)', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    const v = resources[0].configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue;
    assert(v === 'delete', `cleanup.policy is delete (got ${v})`);
    return `cleanup.policy=${v}`;
  });

  await step('idempotent producer: send (acks -1)', async () => {
    await producer.connect();
    const sent = [];
    for (let i = 0; i < MESSAGES; i += 10) {
      const r = await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: Array.from({ length: 10 }, (_, j) => ({
          key: `key-${i + j}`,
          value: JSON.stringify({ n: i + j, text: '参保关系转移接续' }),
          headers: { 'event-type': 'smoke', 'correlation-id': `c-${i + j}` },
        })),
      });
      sent.push(...r);
    }
    assert(
      sent.every((r) => r.errorCode === 0),
      'no error codes',
    );
    return `${MESSAGES} messages in ${sent.length} partition batches`;
  });

  await step('admin fetchTopicOffsets (ListOffsets)', async () => {
    const offsets = await admin.fetchTopicOffsets(topic);
    const total = offsets.reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
    assert(total === MESSAGES, `${MESSAGES} messages on the topic (got ${total})`);
    return offsets.map((o) => `p${o.partition}=${o.low}..${o.high}`).join(' ');
  });

  await step('transactional producer: send + commit', async () => {
    await txProducer.connect();
    const tx = await txProducer.transaction();
    await tx.send({
      topic,
      acks: -1,
      messages: Array.from({ length: TXN_MESSAGES }, (_, j) => ({ key: `tx-${j}`, value: JSON.stringify({ tx: j }) })),
    });
    await tx.commit();
    return `${TXN_MESSAGES} messages committed`;
  });

  const expected = MESSAGES + TXN_MESSAGES;
  await step('consumer group: join, fetch, commit offsets', async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen = new Map();
    let resolveAll;
    const all = new Promise((r) => (resolveAll = r));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        JSON.parse(message.value.toString('utf8'));
        seen.set(`${partition}/${message.offset}`, message);
        const next = (Number(message.offset) + 1).toString();
        await consumer.commitOffsets([{ topic: t, partition, offset: next }]);
        if (seen.size >= expected) resolveAll();
      },
    });
    await withTimeout(all, 30000, `${expected} messages`);
    if (consumerCrash) throw consumerCrash;
    assert(joined?.memberId, 'GROUP_JOIN event seen');
    const withHeaders = [...seen.values()].filter((m) => m.headers?.['event-type']?.toString() === 'smoke').length;
    assert(withHeaders === MESSAGES, `headers preserved on ${MESSAGES} messages (got ${withHeaders})`);
    const text = JSON.parse([...seen.values()].find((m) => m.headers?.['event-type'])?.value.toString()).text;
    assert(text === '参保关系转移接续', 'UTF-8 value round-trip');
    return `${seen.size} messages (${MESSAGES} idempotent + ${TXN_MESSAGES} transactional), member ${joined.memberId}, leader ${joined.isLeader}, assignment ${JSON.stringify(joined.memberAssignment)}`;
  });

  await step('admin listGroups + describeGroups', async () => {
    const { groups: listed } = await admin.listGroups();
    assert(
      listed.some((g) => g.groupId === groupId),
      `listGroups shows ${groupId}`,
    );
    const { groups } = await admin.describeGroups([groupId]);
    const g = groups[0];
    assert(g.errorCode === 0, `describeGroups errorCode 0 (got ${g.errorCode})`);
    assert(g.state === 'Stable', `group Stable (got ${g.state})`);
    assert(g.protocolType === 'consumer' && g.members.length === 1, 'one consumer member');
    return `state ${g.state}, protocol ${g.protocol}, ${g.members.length} member`;
  });

  await step('admin fetchOffsets (OffsetFetch)', async () => {
    const res = await admin.fetchOffsets({ groupId, topics: [topic] });
    const parts = res[0].partitions;
    const total = parts.reduce((s, p) => s + Number(p.offset), 0);
    // Offsets count the transaction's commit marker too: committed offset = high watermark per partition.
    const high = await admin.fetchTopicOffsets(topic);
    for (const p of parts) {
      const h = high.find((x) => x.partition === p.partition);
      assert(Number(p.offset) >= Number(h.high) - 1, `partition ${p.partition} committed ${p.offset}, high ${h.high}`);
    }
    return parts.map((p) => `p${p.partition}=${p.offset}`).join(' ') + ` (sum ${total})`;
  });

  await step('consumer leave + admin deleteGroups', async () => {
    await consumer.disconnect();
    const res = await admin.deleteGroups([groupId]);
    assert(res[0].errorCode === 0, `deleteGroups errorCode 0 (got ${res[0].errorCode})`);
    return 'group deleted';
  });

  await step('admin deleteTopics', async () => {
    await admin.deleteTopics({ topics: [topic], timeout: 15000 });
    for (let i = 0; i < 20; i++) {
      if (!(await admin.listTopics()).includes(topic)) return `${topic} deleted`;
      await sleep(250);
    }
    throw new Error(`${topic} still listed after deleteTopics`);
  });
}

let failed = false;
try {
  await withTimeout(main(), 120000, 'the smoke test');
} catch (e) {
  failed = true;
  if (!results.some((r) => !r.ok)) process.stdout.write(`FAIL  ${e?.message ?? e}\n`);
} finally {
  for (const c of [consumer, producer, txProducer]) await c.disconnect().catch(() => undefined);
  if (failed) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
}
const passed = results.filter((r) => r.ok).length;
if (logged.length > 0) {
  failed = true;
  process.stdout.write(`FAIL  kafkajs logged ${logged.length} warning(s)/error(s) (see "!" lines above)\n`);
}
if (transient.length > 0) {
  process.stdout.write(`note  ${transient.length} transient coordinator error(s) retried by kafkajs (fresh broker)\n`);
}
process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
process.stdout.write(failed ? 'SMOKE FAILED\n' : 'SMOKE OK\n');
process.exit(failed ? 1 : 0);
