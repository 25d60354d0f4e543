import type { SmsProvider, SmsRequest, SmsResult } from './provider';

export interface HttpSmsSettings {
  /** The gateway's send endpoint (SMS_GATEWAY_URL). */
  url: string;
  /** The API key (SMS_GATEWAY_KEY), sent as a bearer token. */
  key: string;
  /** The SMS signature (签名, SMS_SIGNATURE) registered with the operator, without 【】. */
  signature: string;
  /** How long one request may take (SMS_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * The SMS gateway over HTTP: one JSON POST per SMS,
 * `{ requestId, phoneNumber, signName, content }` with `Authorization: Bearer <key>` and `Idempotency-Key: <requestId>`.
 * 2xx is accepted (the body's `messageId`, if any, is kept as the provider's reference); 408, 429, 5xx, a timeout or
 * a network error may pass on a later try; any other status is a refusal that no retry changes.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(private readonly settings: HttpSmsSettings) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    const body = JSON.stringify({
      requestId: request.id,
      phoneNumber: request.to,
      signName: this.settings.signature,
      content: request.text,
    });
    let res: Response;
    try {
      res = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          authorization: `Bearer ${this.settings.key}`,
          'idempotency-key': request.id,
        },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      const error = timedOut
        ? `SMS gateway did not answer within ${this.settings.timeoutMs} ms`
        : `SMS gateway unreachable: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
      return { ok: false, retryable: true, error };
    }
    const text = await res.text().catch(() => '');
    if (res.ok) {
      let ref: string | null = null;
      try {
        const json = JSON.parse(text) as { messageId?: unknown };
        ref = typeof json.messageId === 'string' ? json.messageId : null;
      } catch {
        ref = null;
      }
      return { ok: true, providerRef: ref };
    }
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, retryable, error: `SMS gateway answered ${res.status}: ${text.slice(0, 300)}` };
  }
}
