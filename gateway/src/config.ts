import { DEVELOPMENT_SECRETS, baseConfigSchema } from '@yibao/shared';
import { z } from 'zod';

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_SECRETS.JWT_SECRET!),
  /** Overrides of the subgraph URLs written in the supergraph. */
  ENROLLMENT_URL: z.string().url().optional(),
  TRANSFER_URL: z.string().url().optional(),
  BENEFITS_URL: z.string().url().optional(),
  NOTIFICATION_URL: z.string().url().optional(),
  MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  MAX_COST: z.coerce.number().int().min(1).default(5000),
  /** Aliases in one operation (a cheap way to multiply a field otherwise). */
  MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  /** Lexical tokens in one document: the parser stops there, before any other work. */
  MAX_TOKENS: z.coerce.number().int().min(10).default(2000),
  /** The largest request body, in bytes; larger is 413. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(102_400),
  /** Operations in one batched request (a JSON array); more is refused. */
  MAX_BATCH: z.coerce.number().int().min(1).default(5),
  /** Requests per caller (token subject, else client IP) and window; more is 429. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Proxies in front of the gateway whose X-Forwarded-For is believed (0: the socket's address is the client). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
