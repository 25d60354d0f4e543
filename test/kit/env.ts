import { loadConfig, serviceConfigSchema, type ServiceConfig } from '@yibao/shared';

/** Admin connection and per-service test databases (recreated by global-setup.js at the start of each run). */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const INTERNAL_AUTH_SECRET = 'test-internal-secret-0123456789abcdefghij';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';

/** TEST_DB_SUFFIX gives parallel test runs (two developers, two helpers) databases of their own. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  const suffix = process.env.TEST_DB_SUFFIX ? `_${process.env.TEST_DB_SUFFIX}` : '';
  url.pathname = `/yibao_${name}_test${suffix}`;
  return url.toString();
}

const RUN_GROUP_PREFIX = `test-${process.env.TEST_DB_SUFFIX ?? 'main'}-${Date.now().toString(36)}-`;

/** The process environment a test service runs with (also given to a service run as a process of its own). */
export function testServiceEnv(service: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATABASE_URL: testDatabaseUrl(service),
    KAFKA_BROKERS,
    INTERNAL_AUTH_SECRET,
    OUTBOX_POLL_MS: '50',
    // a consumer group of this run's own, from the latest offset: older runs' events are not this run's business
    KAFKA_GROUP_PREFIX: RUN_GROUP_PREFIX,
    KAFKA_FROM_BEGINNING: 'false',
    ...over,
  };
}

/** `over` replaces settings, e.g. KAFKA_BROKERS for a suite that owns a private broker. */
export function testServiceConfig(service: string, over: Record<string, string> = {}): ServiceConfig {
  return loadConfig(serviceConfigSchema, testServiceEnv(service, over));
}
