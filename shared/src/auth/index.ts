import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { ExpiringCache } from '../cache';

/** 市医保中心 sees all; 区医保分中心 operates its own district; persons, employers and integrators act for themselves. */
export const Role = z.enum(['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'EMPLOYER', 'INTEGRATOR', 'SYSTEM']);
export type Role = z.infer<typeof Role>;

export const identitySchema = z.object({
  subject: z.string().min(1),
  role: Role,
  /** DISTRICT_STAFF: the district (1201xx) they operate. */
  district: z
    .string()
    .regex(/^1201\d{2}$/)
    .optional(),
  /** PERSON: their person id; EMPLOYER: their unified social credit code. */
  personId: z.string().uuid().optional(),
  employerCode: z.string().optional(),
  /**
   * INTEGRATOR: the root operations it is granted (`recordRegistrationNotice`, …). Any other operation is refused
   * by the field rules (`@access(… scope: GRANTED)`).
   */
  grants: z.array(z.string().min(1)).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/** Where a call came from, as the gateway saw it: forwarded to the subgraphs for the audit log. */
export interface CallOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const INTERNAL_IDENTITY_HEADER = 'x-yibao-identity';
export const ISSUER = 'yibao';
export const GATEWAY_AUDIENCE = 'yibao-gateway';
const SUBGRAPH_AUDIENCE = 'yibao-subgraph';
/** The longest an access token may live, whatever its `exp` says. */
const MAX_ACCESS_TOKEN_AGE_SECONDS = 12 * 3600;
const MAX_ACCESS_TOKEN_AGE = `${MAX_ACCESS_TOKEN_AGE_SECONDS}s`;
/** How long an internal identity lives; the gateway reuses one for at most a third of that. */
const INTERNAL_TOKEN_SECONDS = 60;

const key = (secret: string) => new TextEncoder().encode(secret);

function identityClaims(identity: Identity): Record<string, unknown> {
  const { subject: _s, ...claims } = identitySchema.parse(identity);
  return claims;
}

async function verifyPayload(token: string, secret: string, audience: string, maxTokenAge: string) {
  // HS256 only (so `alg: none` and asymmetric-key confusion are refused), our issuer and this audience, and a token
  // that says when it was issued and when it expires.
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER,
    audience,
    algorithms: ['HS256'],
    requiredClaims: ['sub', 'iat', 'exp'],
    maxTokenAge,
  });
  return payload;
}

async function verify(token: string, secret: string, audience: string, maxTokenAge: string): Promise<Identity> {
  const payload = await verifyPayload(token, secret, audience, maxTokenAge);
  return identitySchema.parse({ ...payload, subject: payload.sub }); // registered claims, ip and ua are dropped
}

/** A remembered identity is shared by every request that presents its token: nobody may change it. */
function frozen(identity: Identity): Identity {
  if (identity.grants) Object.freeze(identity.grants);
  return Object.freeze(identity);
}

/** When a verified payload stops being valid: its `exp`, or `iat` + the longest age allowed, whichever comes first. */
const validUntil = (payload: { iat?: number; exp?: number }, maxAgeSeconds: number) =>
  Math.min(payload.exp! * 1000, (payload.iat! + maxAgeSeconds) * 1000);

/**
 * Tokens already verified, kept until they expire, so a caller who sends the same token again costs a map lookup
 * instead of an HMAC and a schema parse. Only tokens that passed verification are kept, each until its own expiry
 * (`validUntil`); a hit past it is dropped and the token verified again (and refused). Bounded: past `max` entries
 * the oldest goes first. (The expiry and the bound are `ExpiringCache`'s; this names what is kept.)
 */
export class VerifiedTokens<T> extends ExpiringCache<string, T> {}

/** An access token as clients present it to the gateway (`npm run token` mints development ones). */
export async function signAccessToken(identity: Identity, secret: string, expiresIn = '8h'): Promise<string> {
  return new SignJWT(identityClaims(identity))
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

export function verifyAccessToken(token: string, secret: string): Promise<Identity> {
  return verify(token, secret, GATEWAY_AUDIENCE, MAX_ACCESS_TOKEN_AGE);
}

/**
 * `verifyAccessToken` with the secret bound and the verified tokens remembered until they expire (the gateway: a
 * client sends the same bearer token with every request). Refuses exactly what `verifyAccessToken` refuses.
 */
export function accessTokenVerifier(secret: string, max?: number): (token: string) => Promise<Identity> {
  const verified = new VerifiedTokens<Identity>(max);
  return async (token) => {
    const hit = verified.get(token);
    if (hit) return hit;
    const payload = await verifyPayload(token, secret, GATEWAY_AUDIENCE, MAX_ACCESS_TOKEN_AGE);
    const identity = frozen(identitySchema.parse({ ...payload, subject: payload.sub }));
    verified.set(token, identity, validUntil(payload, MAX_ACCESS_TOKEN_AGE_SECONDS));
    return identity;
  };
}

/**
 * The gateway forwards the verified caller to subgraphs in a short-lived token signed with the internal secret,
 * with the client's IP address and user agent (for the audit log).
 */
export async function signInternalIdentity(
  identity: Identity,
  secret: string,
  origin: CallOrigin = { ip: null, userAgent: null },
): Promise<string> {
  return new SignJWT({ ...identityClaims(identity), ip: origin.ip, ua: origin.userAgent })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(SUBGRAPH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_SECONDS}s`)
    .sign(key(secret));
}

/**
 * `signInternalIdentity` with the secret bound, reusing the token signed for the same caller and origin while it has
 * at least two thirds of its 60 s left (the gateway signs one per subgraph call otherwise). A subgraph therefore never
 * receives an internal identity older than 20 s; the token's lifetime and what it says are unchanged.
 */
export function internalIdentitySigner(
  secret: string,
  max = 5000,
): (identity: Identity, origin?: CallOrigin) => Promise<string> {
  // signed tokens by caller and origin: nothing verified here, a cache of our own signatures
  const signed = new ExpiringCache<string, string>(max);
  const reuseMs = (INTERNAL_TOKEN_SECONDS * 1000) / 3;
  return async (identity, origin = { ip: null, userAgent: null }) => {
    const cacheKey = JSON.stringify([identity, origin.ip, origin.userAgent]);
    const hit = signed.get(cacheKey);
    if (hit) return hit;
    const now = Date.now();
    const token = await signInternalIdentity(identity, secret, origin);
    signed.set(cacheKey, token, now + reuseMs);
    return token;
  };
}

export function verifyInternalIdentity(token: string, secret: string): Promise<Identity> {
  return verify(token, secret, SUBGRAPH_AUDIENCE, `${INTERNAL_TOKEN_SECONDS}s`);
}

/** The verified caller and where the call came from. */
export async function verifyInternalCall(
  token: string,
  secret: string,
): Promise<{ identity: Identity; origin: CallOrigin }> {
  const payload = await verifyPayload(token, secret, SUBGRAPH_AUDIENCE, `${INTERNAL_TOKEN_SECONDS}s`);
  return internalCallOf(payload);
}

function internalCallOf(payload: JWTPayload): { identity: Identity; origin: CallOrigin } {
  const { ip, ua, ...claims } = payload;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 512) : null);
  return {
    identity: identitySchema.parse({ ...claims, subject: payload.sub }),
    origin: { ip: text(ip), userAgent: text(ua) },
  };
}

/**
 * `verifyInternalCall` with the secret bound and verified tokens remembered until they expire (a subgraph: the gateway
 * reuses a caller's internal identity for up to 20 s). Refuses exactly what `verifyInternalCall` refuses.
 */
export function internalCallVerifier(
  secret: string,
  max?: number,
): (token: string) => Promise<{ identity: Identity; origin: CallOrigin }> {
  const verified = new VerifiedTokens<{ identity: Identity; origin: CallOrigin }>(max);
  return async (token) => {
    const hit = verified.get(token);
    if (hit) return hit;
    const payload = await verifyPayload(token, secret, SUBGRAPH_AUDIENCE, `${INTERNAL_TOKEN_SECONDS}s`);
    const call = internalCallOf(payload);
    frozen(call.identity);
    Object.freeze(call.origin);
    verified.set(token, call, validUntil(payload, INTERNAL_TOKEN_SECONDS));
    return call;
  };
}

export function isStaff(identity: Identity): boolean {
  return identity.role === 'CITY_STAFF' || identity.role === 'DISTRICT_STAFF';
}
