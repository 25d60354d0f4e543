import { Client } from 'pg';
import { SHARED_ENTITIES, SHARED_MIGRATIONS, openDatabase, type DataSourceOptions } from '@yibao/shared';
import { testDatabaseUrl } from './env';

/** Runs `fn` with a plain connection to a service's test database (outside the service's own pool). */
export async function withTestDatabase<T>(service: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: testDatabaseUrl(service) });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** The shared library's own test database (outbox, inbox, attempts), migrated: for the kit's outbox and inbox tests. */
export function openSharedTestDatabase() {
  return openDatabase({ url: testDatabaseUrl('shared'), entities: SHARED_ENTITIES, migrations: SHARED_MIGRATIONS });
}

/** `SELECT count(*) AS n …` in a service's test database. */
export function countRows(service: string, sql: string, params: unknown[] = []): Promise<number> {
  return withTestDatabase(service, async (db) => Number((await db.query(sql, params)).rows[0].n));
}

/**
 * Runs a service's migrations (the shared outbox/inbox ones first, as the service does) on its test database, then
 * asks TypeORM's schema builder what it would change to make the database match the entities: the SQL it would run.
 * Empty when the entities and the migrations agree.
 */
export async function schemaDrift(
  service: string,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): Promise<string[]> {
  const ds = await openDatabase({
    url: testDatabaseUrl(service),
    entities: [...SHARED_ENTITIES, ...(entities as unknown[])] as never,
    migrations: [...SHARED_MIGRATIONS, ...(migrations as unknown[])] as never,
    poolSize: 2,
  });
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
