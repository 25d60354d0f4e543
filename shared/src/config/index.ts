import { z } from 'zod';

/** Thrown when the environment does not describe a runnable process; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The development values of the secrets: convenient on a laptop, refused when NODE_ENV=production (a production
 * process must be given every secret in its environment, each its own).
 */
export const DEVELOPMENT_SECRETS: Readonly<Record<string, string>> = {
  INTERNAL_AUTH_SECRET: 'yibao-development-internal-secret-change-me',
  JWT_SECRET: 'yibao-development-jwt-secret-change-me-now',
};

/** Variables every yibao process reads. Services extend it with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port expected'))),
  INTERNAL_AUTH_SECRET: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_SECRETS.INTERNAL_AUTH_SECRET!),
  /**
   * The address the process's HTTP server listens on: the loopback interface by default (nothing else on the network
   * reaches it); `0.0.0.0` in a container, whose published port and whose neighbours come from outside its loopback
   * (docker-compose.yml).
   */
  LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
});

/** The URL at which this machine reaches a server listening on `host` (any address: the loopback one). */
export function localUrl(host: string, port: number, path = ''): string {
  const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reach}:${port}${path}`;
}

export const serviceConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535),
  DATABASE_URL: z.string().url('a postgres:// URL expected'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  /** Prefix of the Kafka consumer groups: test runs use their own so they never share partitions with a stack. */
  KAFKA_GROUP_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  /**
   * Where a consumer group with no committed offset starts: the beginning (default: a new deployment misses nothing)
   * or the latest offset (test runs, which use a fresh group each time).
   */
  KAFKA_FROM_BEGINNING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/**
 * Parses the environment with a zod schema. On failure throws one ConfigError naming every bad or missing
 * variable, so an operator fixes them all in one go. An empty variable counts as unset (docker compose passes
 * `${X:-}` through as ''), so it takes its default or is reported as missing.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)),
    ...productionSecretProblems(schema, env),
  ];
  if (problems.length === 0 && result.success) return result.data;
  throw new ConfigError(problems);
}

/**
 * In production every secret the schema reads must come from the environment, and none may be a development value
 * (or another secret's value: the gateway's JWT key must not also sign internal identities).
 */
function productionSecretProblems(schema: z.ZodType, env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const secrets = Object.keys(DEVELOPMENT_SECRETS).filter((name) => name in shape);
  const problems: string[] = [];
  for (const name of secrets) {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name}: required in production (no default)`);
    else if (Object.values(DEVELOPMENT_SECRETS).includes(value))
      problems.push(`${name}: the development value is refused in production`);
  }
  const given = secrets.map((n) => env[n]).filter(Boolean);
  if (new Set(given).size < given.length) problems.push(`${secrets.join(', ')}: each secret must have its own value`);
  return problems;
}

/** For main.ts: load or print the problems and exit(1). */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
