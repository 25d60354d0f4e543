// Runs once before the integration and e2e projects: checks the infrastructure is up (started by
// `npm run infra:up`) and recreates the per-service *_test databases so every run starts from empty
// databases; each suite then runs the service's own migrations.
const { Client } = require('pg');
const { Kafka, logLevel } = require('kafkajs');

const SERVICES = ['shared', 'enrollment', 'transfer', 'benefits', 'notification'];

module.exports = async function globalSetup() {
  if (globalThis.__yibaoSetupDone) return; // integration and e2e projects share one run
  globalThis.__yibaoSetupDone = true;
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl}: run \`npm run infra:up\` first (${e.message})`);
  }
  try {
    for (const s of SERVICES) {
      const suffix = process.env.TEST_DB_SUFFIX ? `_${process.env.TEST_DB_SUFFIX}` : '';
      if (!/^[a-z0-9_]*$/.test(suffix)) throw new Error('TEST_DB_SUFFIX: lower-case letters, digits and _ only');
      const db = `yibao_${s}_test${suffix}`;
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${db}`);
    }
  } finally {
    await admin.end();
  }
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const kafkaAdmin = new Kafka({ clientId: 'yibao-test-setup', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await kafkaAdmin.connect();
    await kafkaAdmin.listTopics();
  } catch (e) {
    throw new Error(`Kafka is not reachable at ${brokers.join(',')}: run \`npm run infra:up\` first (${e.message})`);
  } finally {
    await kafkaAdmin.disconnect().catch(() => undefined);
  }
};
