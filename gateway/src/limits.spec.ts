import type { IncomingMessage } from 'node:http';
import { clientIp } from './http';
import { batchRefusal, perCallerRateLimit } from './limits';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as IncomingMessage;

describe('gateway limits without Express', () => {
  it('the client IP is the socket address unless proxies are trusted, then the address the farthest trusted one saw', () => {
    expect(clientIp(request('10.0.0.9', '1.2.3.4'), 0)).toBe('10.0.0.9');
    // one load balancer (10.0.0.9) in front: it saw 5.6.7.8, which a client may have preceded with a forged 1.2.3.4
    expect(clientIp(request('10.0.0.9', '1.2.3.4, 5.6.7.8'), 1)).toBe('5.6.7.8');
    expect(clientIp(request('10.0.0.9', '1.2.3.4, 5.6.7.8'), 2)).toBe('1.2.3.4');
    // more hops trusted than there are addresses: the farthest address there is
    expect(clientIp(request('10.0.0.9', '1.2.3.4'), 5)).toBe('1.2.3.4');
    expect(clientIp(request('10.0.0.9'), 1)).toBe('10.0.0.9');
  });

  it('counts per token subject, else per IP; over the limit a bilingual 429; RateLimit headers on every answer', async () => {
    const limit = perCallerRateLimit({ RATE_LIMIT_MAX: 2, RATE_LIMIT_WINDOW_MS: 60_000 });
    try {
      const clerk = { subject: 'clerk', role: 'CITY_STAFF' } as const;
      const first = await limit.hit(clerk, '10.0.0.1');
      expect(first.refused).toBeUndefined();
      expect(first.headers['RateLimit-Policy']).toBe('"2-in-60sec"; q=2; w=60');
      expect(first.headers.RateLimit).toMatch(/^"2-in-60sec"; r=1; t=(59|60)$/); // seconds left in the window
      expect((await limit.hit(clerk, '10.0.0.2')).refused).toBeUndefined();
      const over = await limit.hit(clerk, '10.0.0.3');
      expect(over.refused?.status).toBe(429);
      expect(over.refused?.body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
      expect(over.refused?.body.errors[0]!.message).toMatch(/请求过于频繁.*Too many requests/);
      expect(over.headers.RateLimit).toMatch(/r=0;/);
      // anonymous: by IP; another IP and another subject have budgets of their own
      expect((await limit.hit(null, '10.0.0.1')).refused).toBeUndefined();
      expect((await limit.hit(null, '10.0.0.1')).refused).toBeUndefined();
      expect((await limit.hit(null, '10.0.0.1')).refused?.status).toBe(429);
      expect((await limit.hit(null, '10.0.0.2')).refused).toBeUndefined();
      expect((await limit.hit({ ...clerk, subject: 'clerk-2' }, '10.0.0.1')).refused).toBeUndefined();
    } finally {
      limit.close();
    }
  });

  it('a batch of more operations than allowed is refused before GraphQL', () => {
    expect(batchRefusal([{}, {}], 2)).toBeNull();
    expect(batchRefusal({ query: '{ a }' }, 2)).toBeNull();
    expect(batchRefusal([{}, {}, {}], 2)).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BATCH_TOO_LARGE' } }] },
    });
  });
});
