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
});
export type Identity = z.infer<typeof identitySchema>;

export const INTERNAL_IDENTITY_HEADER = 'x-yibao-identity';
const ISSUER = 'yibao';
const GATEWAY_AUDIENCE = 'yibao-gateway';
const SUBGRAPH_AUDIENCE = 'yibao-subgraph';

const key = (secret: string) => new TextEncoder().encode(secret);

function identityClaims(identity: Identity): Record<string, unknown> {
  const { subject: _s, ...claims } = identitySchema.parse(identity);
  return claims;
}

async function verify(token: string, secret: string, audience: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience, algorithms: ['HS256'] });
  return identitySchema.parse({ ...payload, subject: payload.sub });
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
  return verify(token, secret, GATEWAY_AUDIENCE);
}

/** The gateway forwards the verified caller to subgraphs in a short-lived token signed with the internal secret. */
export async function signInternalIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT(identityClaims(identity))
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(SUBGRAPH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key(secret));
}

export function verifyInternalIdentity(token: string, secret: string): Promise<Identity> {
  return verify(token, secret, SUBGRAPH_AUDIENCE);
}

export function isStaff(identity: Identity): boolean {
  return identity.role === 'CITY_STAFF' || identity.role === 'DISTRICT_STAFF';
}
