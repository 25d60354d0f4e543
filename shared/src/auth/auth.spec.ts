import { SignJWT, base64url } from 'jose';
import {
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
