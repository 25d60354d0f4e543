import { z } from 'zod';
import { DEFAULT_QUIET_HOURS, parseQuietHours, type QuietHours, type RetryPolicy } from './domain';

function quietHoursOf(text: string): QuietHours | null {
  const parsed = parseQuietHours(text);
  if (!parsed.ok) throw new Error(`SMS_QUIET_HOURS: ${parsed.error}`);
  return parsed.value;
}

/**
 * The notification service's own settings: the SMS gateway, quiet hours and retries. Validated with the service's
 * configuration at start-up (main.ts), every problem listed at once; `notificationSettings` reads them back from the
 * runtime's configuration, with the defaults for what is not given (tests, development).
 */
export const smsConfigShape = {
  /** `http`: the operator's SMS gateway; `log`: development, SMS written to the log. */
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_GATEWAY_URL: z
    .string()
    .url('an http(s) URL expected')
    .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL expected')
    .optional(),
  SMS_GATEWAY_KEY: z.string().min(16, 'at least 16 characters').optional(),
  /** The signature (签名) registered with the operator, without 【】. */
  SMS_SIGNATURE: z
    .string()
    .regex(/^[^【】[\]\s]{2,12}$/, '2 to 12 characters, without brackets or spaces')
    .default('天津医保'),
  /** Quiet hours for non-urgent SMS, Beijing time: `HH:MM-HH:MM`, or `off`. */
  SMS_QUIET_HOURS: z
    .string()
    .default(DEFAULT_QUIET_HOURS)
    .superRefine((text, ctx) => {
      const parsed = parseQuietHours(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  /** Tries of one SMS in all before it is parked as FAILED. */
  SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Wait after the first failed try, doubled after each further one, at most SMS_RETRY_MAX_MS. */
  SMS_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  SMS_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** How long one request to the gateway may take. */
  SMS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How often the sender looks for SMS due (it is also woken when one is queued). */
  SMS_POLL_MS: z.coerce.number().int().min(10).default(1_000),
};

type SmsConfig = z.infer<z.ZodObject<typeof smsConfigShape>>;

/** The gateway's URL and key are required when the provider is `http`. */
export function requireGateway(
  c: Pick<SmsConfig, 'SMS_PROVIDER' | 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_KEY'>,
  ctx: z.RefinementCtx,
): void {
  if (c.SMS_PROVIDER !== 'http') return;
  if (!c.SMS_GATEWAY_URL)
    ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_URL'], message: 'required when SMS_PROVIDER=http' });
  if (!c.SMS_GATEWAY_KEY)
    ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_KEY'], message: 'required when SMS_PROVIDER=http' });
}

export const smsConfigSchema = z.object(smsConfigShape).superRefine(requireGateway);

export interface NotificationSettings {
  sms:
    | { provider: 'log'; signature: string; timeoutMs: number }
    | { provider: 'http'; url: string; key: string; signature: string; timeoutMs: number };
  quietHours: QuietHours | null;
  retry: RetryPolicy;
  pollMs: number;
}

/** The settings from a configuration object (the runtime's; the environment's in main.ts). Throws on bad ones. */
export function notificationSettings(config: object): NotificationSettings {
  const c = smsConfigSchema.parse(config);
  const common = { signature: c.SMS_SIGNATURE, timeoutMs: c.SMS_TIMEOUT_MS };
  return {
    sms:
      c.SMS_PROVIDER === 'http'
        ? { provider: 'http', url: c.SMS_GATEWAY_URL!, key: c.SMS_GATEWAY_KEY!, ...common }
        : { provider: 'log', ...common },
    quietHours: quietHoursOf(c.SMS_QUIET_HOURS),
    retry: {
      maxAttempts: c.SMS_MAX_ATTEMPTS,
      baseDelayMs: c.SMS_RETRY_BASE_MS,
      maxDelayMs: Math.max(c.SMS_RETRY_MAX_MS, c.SMS_RETRY_BASE_MS),
    },
    pollMs: c.SMS_POLL_MS,
  };
}
