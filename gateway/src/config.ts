import { baseConfigSchema } from '@yibao/shared';
import { z } from 'zod';

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').default('yibao-development-jwt-secret-change-me-now'),
  /** Overrides of the subgraph URLs written in the supergraph. */
  ENROLLMENT_URL: z.string().url().optional(),
  TRANSFER_URL: z.string().url().optional(),
  BENEFITS_URL: z.string().url().optional(),
  NOTIFICATION_URL: z.string().url().optional(),
  MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  MAX_COST: z.coerce.number().int().min(1).default(5000),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
