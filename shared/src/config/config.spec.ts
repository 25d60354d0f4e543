import { z } from 'zod';
import { ConfigError, DEVELOPMENT_SECRETS, loadConfig, localUrl, serviceConfigSchema } from './index';

describe('configuration', () => {
  it('parses a valid environment with defaults', () => {
    const cfg = loadConfig(serviceConfigSchema, { PORT: '4001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' });
    expect(cfg.PORT).toBe(4001);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(cfg.NODE_ENV).toBe('development');
    expect(cfg.LISTEN_HOST).toBe('127.0.0.1');
  });

  it('LISTEN_HOST: where a server listens, and the URL this machine reaches it at', () => {
    const cfg = loadConfig(serviceConfigSchema, {
      PORT: '1',
      DATABASE_URL: 'postgres://a@b/c',
      LISTEN_HOST: '0.0.0.0',
    });
    expect(cfg.LISTEN_HOST).toBe('0.0.0.0');
    expect(localUrl('0.0.0.0', 4001, '/graphql')).toBe('http://127.0.0.1:4001/graphql');
    expect(localUrl('::', 4001)).toBe('http://127.0.0.1:4001');
    expect(localUrl('127.0.0.1', 4001, '/graphql')).toBe('http://127.0.0.1:4001/graphql');
    expect(localUrl('::1', 4001)).toBe('http://[::1]:4001');
    expect(localUrl('10.1.2.3', 4001)).toBe('http://10.1.2.3:4001');
  });

  it('takes an empty variable as unset: its default applies (compose passes `${X:-}` as an empty string)', () => {
    const cfg = loadConfig(serviceConfigSchema, {
      PORT: '4001',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      KAFKA_BROKERS: '',
      INTERNAL_AUTH_SECRET: '',
    });
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(cfg.INTERNAL_AUTH_SECRET).toBe(DEVELOPMENT_SECRETS.INTERNAL_AUTH_SECRET);
    expect(() => loadConfig(serviceConfigSchema, { PORT: '', DATABASE_URL: 'postgres://a@b/c' })).toThrow(/PORT/);
  });

  it('lists every problem in one error', () => {
    let caught: unknown;
    try {
      loadConfig(serviceConfigSchema, { PORT: 'abc', KAFKA_BROKERS: 'nohostport', LOG_LEVEL: 'loud' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/KAFKA_BROKERS/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect((caught as ConfigError).problems.length).toBeGreaterThanOrEqual(4);
  });

  it('in production refuses missing secrets and the development values, listing every problem', () => {
    const schema = serviceConfigSchema.extend({ JWT_SECRET: z.string().default(DEVELOPMENT_SECRETS.JWT_SECRET!) });
    const base = { NODE_ENV: 'production', PORT: '1', DATABASE_URL: 'postgres://a@b/c' };
    let caught: unknown;
    try {
      loadConfig(schema, { ...base, JWT_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET });
    } catch (e) {
      caught = e;
    }
    expect((caught as ConfigError).problems).toEqual([
      'INTERNAL_AUTH_SECRET: required in production (no default)',
      'JWT_SECRET: the development value is refused in production',
    ]);
    const same = 'a-production-secret-that-is-long-enough-123';
    expect(() => loadConfig(schema, { ...base, INTERNAL_AUTH_SECRET: same, JWT_SECRET: same })).toThrow(
      /its own value/,
    );
    const ok = loadConfig(schema, { ...base, INTERNAL_AUTH_SECRET: same, JWT_SECRET: `${same}-jwt` });
    expect(ok.NODE_ENV).toBe('production');
    // outside production the development values are the defaults
    expect(loadConfig(schema, { PORT: '1', DATABASE_URL: 'postgres://a@b/c' }).JWT_SECRET).toBe(
      DEVELOPMENT_SECRETS.JWT_SECRET,
    );
  });

  it('extends with service-specific variables', () => {
    const schema = serviceConfigSchema.extend({ EXTRA: z.string() });
    expect(() => loadConfig(schema, { PORT: '1', DATABASE_URL: 'postgres://a@b/c' })).toThrow(/EXTRA/);
  });
});
