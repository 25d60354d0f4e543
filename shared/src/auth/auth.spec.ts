import { signAccessToken, signInternalIdentity, verifyAccessToken, verifyInternalIdentity } from './index';

const secret = 'a-test-secret-that-is-long-enough-1234567890';
const other = 'another-secret-that-is-long-enough-0987654321';

describe('auth tokens', () => {
  it('round-trips an access token with role and district', async () => {
    const token = await signAccessToken({ subject: 'clerk-1', role: 'DISTRICT_STAFF', district: '120104' }, secret);
    await expect(verifyAccessToken(token, secret)).resolves.toEqual({
      subject: 'clerk-1',
      role: 'DISTRICT_STAFF',
      district: '120104',
    });
  });

  it('refuses a token signed with another key', async () => {
    const token = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, other);
    await expect(verifyAccessToken(token, secret)).rejects.toThrow();
  });

  it('an access token cannot be replayed as an internal identity (different audience)', async () => {
    const token = await signAccessToken({ subject: 'x', role: 'CITY_STAFF' }, secret);
    await expect(verifyInternalIdentity(token, secret)).rejects.toThrow(/aud/);
    const internal = await signInternalIdentity({ subject: 'x', role: 'CITY_STAFF' }, secret);
    await expect(verifyInternalIdentity(internal, secret)).resolves.toMatchObject({ role: 'CITY_STAFF' });
  });

  it('refuses an unknown role', async () => {
    await expect(signAccessToken({ subject: 'x', role: 'ADMIN' as never }, secret)).rejects.toThrow();
  });
});
