/**
 * The SMS provider port: how the sender hands one SMS to the operator's gateway. The message id is the idempotency
 * key, so a gateway that sees the same request twice (a retry after a lost answer) can send it once.
 */
export interface SmsRequest {
  /** The message id: the idempotency key of the request. */
  id: string;
  /** The 11-digit mainland mobile number (already checked with parseMobile). */
  to: string;
  /** The text without its signature; the adapter sends the signature as the gateway expects it. */
  text: string;
}

export type SmsResult =
  | { ok: true; providerRef: string | null }
  /** `retryable`: a timeout, a 5xx, 408 or 429 may pass later; anything else will not, and is parked at once. */
  | { ok: false; retryable: boolean; error: string };

export interface SmsProvider {
  /** For logs and the delivery row: `http`, `log`. */
  readonly name: string;
  send(request: SmsRequest): Promise<SmsResult>;
}
