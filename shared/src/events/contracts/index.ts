import type { z } from 'zod';
import { BENEFITS_CONTRACTS } from './benefits';
import { ENROLLMENT_CONTRACTS } from './enrollment';
import { NOTIFICATION_CONTRACTS } from './notification';
import { TRANSFER_CONTRACTS } from './transfer';

/**
 * The integrators' contract: one zod schema per event type and version, one file per producing service. A new field
 * is additive (optional); a breaking change is a new version. Money is integer fen; dates are YYYY-MM-DD in China
 * time.
 */
export const CONTRACTS = {
  ...ENROLLMENT_CONTRACTS,
  ...TRANSFER_CONTRACTS,
  ...BENEFITS_CONTRACTS,
  ...NOTIFICATION_CONTRACTS,
} as const;

export type EventName = keyof typeof CONTRACTS;
export type EventData<N extends EventName> = z.infer<(typeof CONTRACTS)[N]['schema']>;

export { contract, type EventContract } from './common';
export * from './enrollment';
export * from './transfer';
export * from './benefits';
export * from './notification';
