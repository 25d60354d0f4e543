import { ErrorCode, INTERNAL_ERROR_MESSAGE, accessTokenVerifier, type Identity, type Logger } from '@yibao/shared';
import { MemoryStore, ipKeyGenerator, type Options } from 'express-rate-limit';
import type { GatewayConfig } from './config';

/** A refusal made before GraphQL runs: the HTTP status and a GraphQL-shaped error body. */
export interface Refusal {
  status: number;
  body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
}

/** A GraphQL-shaped error body for refusals made before GraphQL runs. */
export function refusal(status: number, code: string, zh: string, en: string, extra = {}): Refusal {
  return { status, body: { errors: [{ message: `${zh} / ${en}`, extensions: { code, zh, en, ...extra } }] } };
}

/**
 * Verifies the bearer token of the `Authorization` header; the verified caller (or null) is kept for the rate limit
 * and context. A token verified before is remembered until it expires (`accessTokenVerifier`): a client's next
 * requests cost a lookup, not an HMAC.
 */
export function authenticator(secret: string): (authorization: string | undefined) => Promise<Identity | null> {
  const verify = accessTokenVerifier(secret);
  return async (authorization) => {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    return token ? await verify(token).catch(() => null) : null;
  };
}

export interface RateLimitHit {
  /** The standard RateLimit headers (IETF draft 8) to send with the answer, refused or not. */
  headers: Record<string, string>;
  /** Set when the caller is over the limit: answer this (429) instead. */
  refused?: Refusal;
}

/**
 * Requests per caller and window: a verified caller is counted by its token's subject (wherever it calls from), any
 * other request by its client IP (an IPv6 address by its /56 subnet). Over the limit: 429 with a bilingual message.
 * The counts are express-rate-limit's `MemoryStore` (a fixed window per key), without Express: the gateway serves
 * plain `node:http` (bench/README.md). The store is the process's memory: with several gateway instances, each counts
 * its own.
 */
export function perCallerRateLimit(config: Pick<GatewayConfig, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS'>) {
  const store = new MemoryStore();
  store.init({ windowMs: config.RATE_LIMIT_WINDOW_MS } as Options);
  const windowSeconds = Math.ceil(config.RATE_LIMIT_WINDOW_MS / 1000);
  const limit = config.RATE_LIMIT_MAX;
  const policy = `"${limit}-in-${windowSeconds}sec"; q=${limit}; w=${windowSeconds}`;
  const tooMany = refusal(
    429,
    ErrorCode.RATE_LIMITED,
    '请求过于频繁，请稍后再试',
    'Too many requests; please try again later',
    { retryAfterSeconds: windowSeconds },
  );
  return {
    async hit(identity: Identity | null, ip: string): Promise<RateLimitHit> {
      const key = identity ? `sub:${identity.subject}` : `ip:${ipKeyGenerator(ip)}`;
      const { totalHits, resetTime } = await store.increment(key);
      const resetSeconds = Math.max(0, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      const headers = {
        'RateLimit-Policy': policy,
        RateLimit: `"${limit}-in-${windowSeconds}sec"; r=${Math.max(limit - totalHits, 0)}; t=${resetSeconds}`,
      };
      return totalHits > limit ? { headers, refused: tooMany } : { headers };
    },
    close: () => store.shutdown(),
  };
}

/** A batched request (a JSON array of operations) may hold at most `max` operations. */
export function batchRefusal(body: unknown, max: number): Refusal | null {
  if (!Array.isArray(body) || body.length <= max) return null;
  return refusal(
    400,
    'BATCH_TOO_LARGE',
    `一次批量请求最多 ${max} 个操作`,
    `a batched request may hold at most ${max} operations`,
  );
}

/**
 * Errors before GraphQL (a body too large, malformed JSON, anything thrown while reading it) as JSON, never a stack
 * trace.
 */
export function refusalOf(err: { type?: string; status?: number }, logger: Logger): Refusal {
  if (err.type === 'entity.too.large') {
    return refusal(413, 'PAYLOAD_TOO_LARGE', '请求体过大', 'the request body is too large');
  }
  if (err.type === 'entity.parse.failed' || err.status === 400) {
    return refusal(400, 'BAD_REQUEST', '请求体不是有效的 JSON', 'the request body is not valid JSON');
  }
  if (err.status === 415) {
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求体编码', 'unsupported charset or content encoding');
  }
  logger.error({ err }, 'unexpected error before GraphQL');
  return INTERNAL_ERROR;
}

/** An unexpected failure, without any detail of it. */
export const INTERNAL_ERROR: Refusal = {
  status: 500,
  body: { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
};
