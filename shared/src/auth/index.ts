import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

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
const MAX_ACCESS_TOKEN_AGE = '12h';

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
    .setExpirationTime('60s')
    .sign(key(secret));
}

export function verifyInternalIdentity(token: string, secret: string): Promise<Identity> {
  return verify(token, secret, SUBGRAPH_AUDIENCE, '60s');
}

/** The verified caller and where the call came from. */
export async function verifyInternalCall(
  token: string,
  secret: string,
): Promise<{ identity: Identity; origin: CallOrigin }> {
  const payload = await verifyPayload(token, secret, SUBGRAPH_AUDIENCE, '60s');
  const { ip, ua, ...claims } = payload;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 512) : null);
  return {
    identity: identitySchema.parse({ ...claims, subject: payload.sub }),
    origin: { ip: text(ip), userAgent: text(ua) },
  };
}

export function isStaff(identity: Identity): boolean {
  return identity.role === 'CITY_STAFF' || identity.role === 'DISTRICT_STAFF';
}
