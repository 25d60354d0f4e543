import { ConfigError, loadConfig } from '@yibao/shared';
import { notificationSettings } from './config';
import { notificationConfigSchema } from './service';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/yibao_notification' };

describe('SMS settings, validated at start-up', () => {
  it('N1: the defaults: the log adapter, signature 天津医保, quiet hours 22:00–08:00, 5 tries with backoff', () => {
    const config = loadConfig(notificationConfigSchema, base);
    expect(config.PORT).toBe(4004);
    expect(notificationSettings(config)).toEqual({
      sms: { provider: 'log', signature: '天津医保', timeoutMs: 10_000 },
      quietHours: { start: 22 * 60, end: 8 * 60 },
      retry: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 },
      pollMs: 1_000,
    });
  });

  it('N1: the HTTP gateway with its URL, key and signature', () => {
    const config = loadConfig(notificationConfigSchema, {
      ...base,
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: 'https://sms.example.cn/api/send',
      SMS_GATEWAY_KEY: 'k'.repeat(32),
      SMS_SIGNATURE: '天津市医保局',
      SMS_QUIET_HOURS: 'off',
    });
    expect(notificationSettings(config)).toMatchObject({
      sms: { provider: 'http', url: 'https://sms.example.cn/api/send', key: 'k'.repeat(32), signature: '天津市医保局' },
      quietHours: null,
    });
  });

  it('N1: a process asked to use the gateway without URL and key, or with bad settings, stops listing every problem', () => {
    const attempt = () =>
      loadConfig(notificationConfigSchema, {
        ...base,
        SMS_PROVIDER: 'http',
        SMS_SIGNATURE: '【天津医保】',
        SMS_QUIET_HOURS: '22:00-8',
        SMS_MAX_ATTEMPTS: '0',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      for (const v of ['SMS_GATEWAY_URL', 'SMS_GATEWAY_KEY', 'SMS_SIGNATURE', 'SMS_QUIET_HOURS', 'SMS_MAX_ATTEMPTS'])
        expect(problems).toContain(v);
    }
    expect(() =>
      loadConfig(notificationConfigSchema, {
        ...base,
        SMS_PROVIDER: 'http',
        SMS_GATEWAY_URL: 'ftp://sms.example.cn',
        SMS_GATEWAY_KEY: 'short',
      }),
    ).toThrow(/SMS_GATEWAY_URL: an http\(s\) URL expected[\s\S]*SMS_GATEWAY_KEY: at least 16 characters/);
  });
});
