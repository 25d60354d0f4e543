import { ErrorCode, INTERNAL_ERROR_MESSAGE, accessTokenVerifier, type Identity, type Logger } from '@yibao/shared';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { GatewayConfig } from './config';

/** A GraphQL-shaped error body for refusals made before GraphQL runs. */
function refusal(res: Response, status: number, code: string, zh: string, en: string, extra = {}): void {
  res.status(status).json({ errors: [{ message: `${zh} / ${en}`, extensions: { code, zh, en, ...extra } }] });
}

/**
 * Verifies the bearer token once per request; the verified caller (or null) is kept for the rate limit and context.
 * A token verified before is remembered until it expires (`accessTokenVerifier`): a client's next requests cost a
 * lookup, not an HMAC.
 */
export function authenticate(secret: string): RequestHandler {
  const verify = accessTokenVerifier(secret);
  return async (req, res, next) => {
    const token = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    res.locals.identity = token ? await verify(token).catch(() => null) : null;
    next();
  };
}

export function callerOf(res: Response): Identity | null {
  return (res.locals.identity as Identity | null | undefined) ?? null;
}

/**
 * Requests per caller and window: a verified caller is counted by its token's subject (wherever it calls from), any
 * other request by its client IP. Over the limit: 429 with a bilingual message and the standard RateLimit headers.
 * The store is the process's memory: with several gateway instances, each counts its own.
 */
export function rateLimitPerCaller(config: Pick<GatewayConfig, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS'>) {
  return rateLimit({
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    limit: config.RATE_LIMIT_MAX,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const identity = callerOf(res);
      return identity ? `sub:${identity.subject}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) =>
      refusal(
        res,
        429,
        ErrorCode.RATE_LIMITED,
        '请求过于频繁，请稍后再试',
        'Too many requests; please try again later',
        { retryAfterSeconds: Math.ceil(config.RATE_LIMIT_WINDOW_MS / 1000) },
      ),
  });
}

/** A batched request (a JSON array of operations) may hold at most `max` operations. */
export function limitBatches(max: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      refusal(
        res,
        400,
        'BATCH_TOO_LARGE',
        `一次批量请求最多 ${max} 个操作`,
        `a batched request may hold at most ${max} operations`,
      );
      return;
    }
    next();
  };
}

/**
 * Errors before GraphQL (a body too large, malformed JSON, anything thrown in a middleware) as JSON, never Express's
 * HTML page with its stack trace.
 */
export function guardErrors(logger: Logger): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, _next) => {
    if (err.type === 'entity.too.large') {
      refusal(res, 413, 'PAYLOAD_TOO_LARGE', '请求体过大', 'the request body is too large');
    } else if (err.type === 'entity.parse.failed' || err.status === 400) {
      refusal(res, 400, 'BAD_REQUEST', '请求体不是有效的 JSON', 'the request body is not valid JSON');
    } else {
      logger.error({ err }, 'unexpected error before GraphQL');
      res
        .status(500)
        .json({ errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}
