import { SignJWT, base64url } from 'jose';
import {
  VerifiedTokens,
  accessTokenVerifier,
  internalCallVerifier,
  internalIdentitySigner,
  signAccessToken,
  signInternalIdentity,
  verifyAccessToken,
  verifyInternalCall,
  verifyInternalIdentity,
} from './index';

const secret = 'a-test-secret-that-is-long-enough-1234567890';
const other = 'another-secret-that-is-long-enough-0987654321';
const key = new TextEncoder().encode(secret);

const claims = { role: 'CITY_STAFF' };
const token = (build: (t: SignJWT) => SignJWT) =>
  build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt()).sign(key);

describe('auth tokens', () => {
  it('round-trips an access token with role and district', async () => {
    const t = await signAccessToken({ subject: 'clerk-1', role: 'DISTRICT_STAFF', district: '120104' }, secret);
    await expect(verifyAccessToken(t, secret)).resolves.toEqual({
      subject: 'clerk-1',
      role: 'DISTRICT_STAFF',
      district: '120104',
    });
  });

  it('refuses a token signed with another key', async () => {
    const t = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, other);
    await expect(verifyAccessToken(t, secret)).rejects.toThrow();
  });

  it('refuses an expired token', async () => {
    const t = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, secret, '-1m');
    await expect(verifyAccessToken(t, secret)).rejects.toThrow(/exp/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(
      JSON.stringify({ ...claims, sub: 'x', iss: 'yibao', aud: 'yibao-gateway', iat: now, exp: now + 600 }),
    );
    await expect(verifyAccessToken(`${header}.${payload}.`, secret)).rejects.toThrow();
  });

  it('refuses a token of another issuer or audience, and one without an expiry', async () => {
    const foreign = await token((t) =>
      t.setIssuer('someone-else').setAudience('yibao-gateway').setExpirationTime('1h'),
    );
    await expect(verifyAccessToken(foreign, secret)).rejects.toThrow(/iss/);
    const elsewhere = await token((t) => t.setIssuer('yibao').setAudience('another-app').setExpirationTime('1h'));
    await expect(verifyAccessToken(elsewhere, secret)).rejects.toThrow(/aud/);
    const forever = await token((t) => t.setIssuer('yibao').setAudience('yibao-gateway'));
    await expect(verifyAccessToken(forever, secret)).rejects.toThrow(/exp/);
  });

  it('an access token cannot be replayed as an internal identity (different audience)', async () => {
    const t = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, secret);
    await expect(verifyInternalIdentity(t, secret)).rejects.toThrow(/aud/);
    const internal = await signInternalIdentity({ subject: 'x', role: 'CITY_STAFF' }, secret);
    await expect(verifyInternalIdentity(internal, secret)).resolves.toMatchObject({ role: 'CITY_STAFF' });
  });

  it('the internal identity carries the client IP and user agent, and an integrator its grants', async () => {
    const internal = await signInternalIdentity(
      { subject: 'np', role: 'INTEGRATOR', grants: ['recordRegistrationNotice'] },
      secret,
      { ip: '10.1.2.3', userAgent: 'curl/8' },
    );
    await expect(verifyInternalCall(internal, secret)).resolves.toEqual({
      identity: { subject: 'np', role: 'INTEGRATOR', grants: ['recordRegistrationNotice'] },
      origin: { ip: '10.1.2.3', userAgent: 'curl/8' },
    });
  });

  it('refuses an unknown role', async () => {
    await expect(signAccessToken({ subject: 'x', role: 'ADMIN' as never }, secret)).rejects.toThrow();
  });
});

describe('remembered tokens (the gateway and subgraphs verify a repeated token once)', () => {
  afterEach(() => jest.useRealTimers());

  it('the access-token verifier refuses what verifyAccessToken refuses, and never remembers a refusal', async () => {
    const verify = accessTokenVerifier(secret);
    const forged = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, other);
    await expect(verify(forged)).rejects.toThrow();
    await expect(verify(forged)).rejects.toThrow();
    const expired = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, secret, '-1m');
    await expect(verify(expired)).rejects.toThrow(/exp/);
    const internal = await signInternalIdentity({ subject: 'x', role: 'CITY_STAFF' }, secret);
    await expect(verify(internal)).rejects.toThrow(/aud/);
  });

  it('a remembered access token is refused once it expires', async () => {
    const verify = accessTokenVerifier(secret);
    const t = await signAccessToken({ subject: 'clerk-1', role: 'CITY_STAFF' }, secret, '2s');
    const first = await verify(t);
    expect(first).toEqual({ subject: 'clerk-1', role: 'CITY_STAFF' });
    expect(await verify(t)).toBe(first); // remembered: the same (frozen) identity, no second verification
    expect(Object.isFrozen(first)).toBe(true);
    jest.useFakeTimers({ now: Date.now() + 3000, doNotFake: ['nextTick', 'setImmediate'] });
    await expect(verify(t)).rejects.toThrow(/exp/);
  });

  it('a remembered internal identity is refused once it is older than 60 s', async () => {
    const verify = internalCallVerifier(secret);
    const t = await signInternalIdentity({ subject: 'np', role: 'INTEGRATOR', grants: ['a'] }, secret, {
      ip: '10.0.0.1',
      userAgent: 'ua',
    });
    const call = await verify(t);
    expect(call).toEqual({
      identity: { subject: 'np', role: 'INTEGRATOR', grants: ['a'] },
      origin: { ip: '10.0.0.1', userAgent: 'ua' },
    });
    expect(Object.isFrozen(call.identity.grants)).toBe(true);
    await expect(internalCallVerifier(other)(t)).rejects.toThrow();
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate'] });
    await expect(verify(t)).rejects.toThrow(/exp/);
  });

  it('the gateway reuses an internal identity for the same caller and origin for at most 20 s', async () => {
    const sign = internalIdentitySigner(secret);
    const clerk = { subject: 'clerk-1', role: 'CITY_STAFF' as const };
    const origin = { ip: '10.0.0.1', userAgent: 'ua' };
    const t = await sign(clerk, origin);
    expect(await sign(clerk, origin)).toBe(t);
    expect(await sign(clerk, { ...origin, ip: '10.0.0.2' })).not.toBe(t); // another origin: its own token
    expect(await sign({ ...clerk, subject: 'clerk-2' }, origin)).not.toBe(t);
    const start = Date.now();
    jest.useFakeTimers({ now: start + 19_000, doNotFake: ['nextTick', 'setImmediate'] });
    expect(await sign(clerk, origin)).toBe(t);
    jest.setSystemTime(start + 21_000);
    const renewed = await sign(clerk, origin);
    expect(renewed).not.toBe(t);
    await expect(verifyInternalCall(renewed, secret)).resolves.toMatchObject({ identity: clerk, origin });
  });

  it('keeps at most `max` tokens, dropping the oldest', () => {
    const kept = new VerifiedTokens<number>(2);
    const until = Date.now() + 60_000;
    kept.set('a', 1, until);
    kept.set('b', 2, until);
    kept.set('c', 3, until);
    expect(kept.size).toBe(2);
    expect(kept.get('a')).toBeUndefined();
    expect(kept.get('c')).toBe(3);
    expect(kept.get('b', until)).toBeUndefined(); // at its expiry: gone
  });
});
