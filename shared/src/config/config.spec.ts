import { z } from 'zod';
import { ConfigError, loadConfig, serviceConfigSchema } from './index';

describe('configuration', () => {
  it('parses a valid environment with defaults', () => {
    const cfg = loadConfig(serviceConfigSchema, { PORT: '4001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' });
    expect(cfg.PORT).toBe(4001);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(cfg.NODE_ENV).toBe('development');
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

  it('extends with service-specific variables', () => {
    const schema = serviceConfigSchema.extend({ EXTRA: z.string() });
    expect(() => loadConfig(schema, { PORT: '1', DATABASE_URL: 'postgres://a@b/c' })).toThrow(/EXTRA/);
  });
});
