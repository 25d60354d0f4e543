// The PostgreSQL databases of yibao: one per service, plus a *_test twin that the test run recreates.
// Importable from tests and scripts: `import { DATABASES, databaseUrl } from '../infra/lib/databases.mjs'`.
import pg from 'pg';

/** Services that own a database. */
export const SERVICES = ['enrollment', 'transfer', 'benefits', 'notification'];

/** The name of a service's database (test: the `_test` twin). */
export function databaseName(service, { test = false } = {}) {
  return `yibao_${service}${test ? '_test' : ''}`;
}

/** Every database infra creates: yibao_<service> then yibao_<service>_test. */
export const DATABASES = [
  ...SERVICES.map((s) => databaseName(s)),
  ...SERVICES.map((s) => databaseName(s, { test: true })),
];

/** The admin connection: DATABASE_URL or the local default. */
export function adminUrl(env = process.env) {
  return env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The admin URL with its database replaced, e.g. databaseUrl('yibao_enrollment'). */
export function databaseUrl(database, base = adminUrl()) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates every missing database of `names` (default DATABASES). Resolves [{ name, created }]. */
export async function ensureDatabases({ url = adminUrl(), names = DATABASES } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]);
    const present = new Set(rows.map((r) => r.datname));
    const result = [];
    for (const name of names) {
      if (present.has(name)) {
        result.push({ name, created: false });
        continue;
      }
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        result.push({ name, created: true });
      } catch (e) {
        if (e.code !== '42P04') throw e; // duplicate_database: someone else created it meanwhile
        result.push({ name, created: false });
      }
    }
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Resolves [{ name, present }] for `names` (default DATABASES). */
export async function describeDatabases({ url = adminUrl(), names = DATABASES } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]);
    const present = new Set(rows.map((r) => r.datname));
    return names.map((name) => ({ name, present: present.has(name) }));
  } finally {
    await client.end().catch(() => undefined);
  }
}
