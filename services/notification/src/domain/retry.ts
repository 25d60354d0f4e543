/**
 * Retries of an SMS the gateway did not take: exponential backoff per delivery, parked as FAILED after the last try
 * (staff may retry it). Pure: the sender passes the attempt count and the clock's `now()`.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** Wait after the first failed try; doubled after each further one. */
  baseDelayMs: number;
  /** The longest wait between two tries. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** The wait after failed try number `attempt` (1 = the first): base × 2^(attempt−1), at most maxDelayMs. */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

export type AfterFailure = { kind: 'RETRY'; at: Date } | { kind: 'PARK' };

/** After failed try number `attempt`: try again later, or park the message when that was the last try. */
export function afterFailure(attempt: number, policy: RetryPolicy, now: Date): AfterFailure {
  if (attempt >= policy.maxAttempts) return { kind: 'PARK' };
  return { kind: 'RETRY', at: new Date(now.getTime() + retryDelayMs(attempt, policy)) };
}
