import {
  GATEWAY_AUDIENCE,
  INTERNAL_IDENTITY_HEADER,
  ISSUER,
  signAccessToken,
  signInternalIdentity,
} from '@yibao/shared';
import { SignJWT, base64url } from 'jose';
import {
  CITY_STAFF,
  INTERNAL_AUTH_SECRET,
  JWT_SECRET,
  bearer,
  gql,
  internalIdentity,
  personIdentity,
  testServiceConfig,
} from '@yibao/test-kit';
import { startStack, startTestGateway, type Stack } from '@yibao/test-kit/stack';
import { enrollment } from '../services/enrollment/src/service';

const NOBODY = '00000000-0000-4000-8000-000000000000';
const PERSON = `{ person(id: "${NOBODY}") { id } }`;
const key = (secret: string) => new TextEncoder().encode(secret);

/** A token with the given claims and header, signed (or not) as the test says. */
function forge(opts: { secret?: string; iss?: string; aud?: string; exp?: string | number; alg?: 'none' }) {
  const claims = { role: 'CITY_STAFF' };
  if (opts.alg === 'none') {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const body = base64url.encode(
      JSON.stringify({ ...claims, sub: 'forger', iss: ISSUER, aud: GATEWAY_AUDIENCE, iat: now, exp: now + 600 }),
    );
    return Promise.resolve(`${header}.${body}.`);
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('forger')
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? GATEWAY_AUDIENCE)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(opts.exp ?? '1h')
    .sign(key(opts.secret ?? JWT_SECRET));
}

describe('security: gateway limits, tokens, errors in production, subgraphs only behind the gateway', () => {
  let stack: Stack;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    auth = await bearer(CITY_STAFF);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('tokens expired, wrongly signed, unsigned (alg: none), of another issuer or audience are UNAUTHENTICATED', async () => {
    const bad = {
      expired: await forge({ exp: Math.floor(Date.now() / 1000) - 60 }),
      'wrongly signed': await forge({ secret: 'another-secret-that-is-long-enough-0987654321' }),
      'alg none': await forge({ alg: 'none' }),
      'other issuer': await forge({ iss: 'https://idp.example.org' }),
      'other audience': await forge({ aud: 'yibao-subgraph' }),
      garbage: 'not.a.token',
    };
    for (const [why, token] of Object.entries(bad)) {
      const r = await gql(stack.gateway.url, PERSON, {}, { authorization: `Bearer ${token}` });
      expect({ why, status: r.status, code: r.errors?.[0]?.extensions?.code }).toEqual({
        why,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const good = await gql(stack.gateway.url, PERSON, {}, { authorization: `Bearer ${await forge({})}` });
    expect(good.errors).toBeUndefined();
  });

  it('each subgraph refuses a call without the internal identity, with an expired or badly signed one, or with a client token', async () => {
    const expired = await new SignJWT({ role: 'CITY_STAFF' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience('yibao-subgraph')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key(INTERNAL_AUTH_SECRET));
    const headers: Record<string, Record<string, string>> = {
      missing: {},
      expired: { [INTERNAL_IDENTITY_HEADER]: expired },
      'badly signed': {
        [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(
          CITY_STAFF,
          'a-forged-secret-that-is-long-enough-to-sign',
        ),
      },
      'a client token': { [INTERNAL_IDENTITY_HEADER]: await signAccessToken(CITY_STAFF, INTERNAL_AUTH_SECRET) },
      'a bearer token only': await bearer(CITY_STAFF),
    };
    for (const [name, service] of Object.entries(stack.services)) {
      for (const [why, h] of Object.entries(headers)) {
        const r = await gql(service.url, '{ _service { sdl } }', {}, h);
        expect({ name, why, status: r.status, code: r.errors?.[0]?.extensions?.code }).toEqual({
          name,
          why,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
      const genuine = await gql(service.url, '{ _service { sdl } }', {}, await internalIdentity(CITY_STAFF));
      expect(genuine.errors).toBeUndefined();
    }
  });

  it('aliases, tokens, body size and batches are limited', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: consentPromiseText`).join(' ');
    const many = await gql(stack.gateway.url, `{ ${aliases} }`, {}, auth);
    expect(many.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.errors?.[0]?.message).toMatch(/alias/i);

    const tokens = `{ consentPromiseText ${'__typename '.repeat(2100)} }`;
    const long = await gql(stack.gateway.url, tokens, {}, auth);
    expect(long.status).toBe(400);
    expect(long.errors?.[0]?.message).toMatch(/tokens/i);

    const huge = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: '{ consentPromiseText }', variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0]!.message).toMatch(/请求体过大.*too large/);

    const batch = (n: number) =>
      fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ consentPromiseText }' }))),
      });
    const small = await batch(2);
    expect(small.status).toBe(200);
    expect(((await small.json()) as unknown[]).length).toBe(2);
    const big = await batch(6);
    expect(big.status).toBe(400);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'BATCH_TOO_LARGE',
    );

    const malformed = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/at .*\.js|node_modules/);

    // outside /graphql: JSON too, never an HTML page
    const health = await fetch(new URL('/health', stack.gateway.url));
    expect(await health.json()).toEqual({ service: 'gateway', status: 'ok' });
    const elsewhere = await fetch(new URL('/nothing-here', stack.gateway.url));
    expect(elsewhere.status).toBe(404);
    expect(
      ((await elsewhere.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('rate limit per caller: the token subject, else the IP; 429 with a bilingual message', async () => {
    const limited = await startTestGateway(
      { enrollment: stack.services.enrollment.url },
      { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' },
    );
    try {
      const q = '{ consentPromiseText }';
      for (let i = 0; i < 2; i++) expect((await gql(limited.url, q, {}, auth)).status).toBe(200);
      const counted = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query: q }),
      });
      expect(counted.status).toBe(200);
      // the standard headers (IETF draft 8) tell a client its budget: this was its third of 3
      expect(counted.headers.get('ratelimit')).toMatch(/^"3-in-60sec"; r=0; t=\d+$/);
      expect(counted.headers.get('ratelimit-policy')).toBe('"3-in-60sec"; q=3; w=60');
      const over = await gql(limited.url, q, {}, auth);
      expect(over.status).toBe(429);
      expect(over.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(over.errors?.[0]?.message).toMatch(/请求过于频繁.*Too many requests/);
      // another caller (another subject) is counted apart
      const other = await gql(limited.url, q, {}, await bearer({ ...CITY_STAFF, subject: 'clerk-city-2' }));
      expect(other.status).toBe(200);
      // anonymous calls are counted by IP: refused 401 until the IP's budget is spent, then 429
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await gql(limited.url, q)).status);
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('in production a client sees no stack trace, SQL or internal host, from a subgraph or the gateway', async () => {
    const production = await startTestGateway(
      {
        enrollment: stack.services.enrollment.url,
        // nothing listens there: the gateway's own fetch error names the host and port
        benefits: 'http://127.0.0.1:9/graphql',
      },
      { NODE_ENV: 'production' },
    );
    const app = stack.services.enrollment.app as { employers: { byCreditCode: (c: string) => Promise<unknown> } };
    const spy = jest
      .spyOn(app.employers, 'byCreditCode')
      .mockRejectedValue(
        new Error(
          'QueryFailedError: SELECT * FROM "employer" WHERE "credit_code" = $1 — connect ECONNREFUSED 10.20.30.40:5432',
        ),
      );
    try {
      const failing = await gql(
        production.url,
        '{ employerByCreditCode(creditCode: "91120104MA05K8XY3B") { id } }',
        {},
        auth,
      );
      const fetchFailed = await gql(production.url, '{ policyParameters { name } }', {}, auth);
      const typo = await gql(production.url, '{ persn(id: "x") { id } }', {}, auth);
      for (const r of [failing, fetchFailed]) {
        expect(r.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
        expect(r.errors?.[0]?.message).toMatch(/内部错误.*Internal error/);
      }
      const shown = JSON.stringify([failing, fetchFailed, typo]);
      for (const secret of [
        'SELECT',
        'employer"',
        '10.20.30.40',
        '127.0.0.1',
        'ECONNREFUSED',
        'stacktrace',
        '.ts:',
        'Did you mean',
      ]) {
        expect({ secret, leaked: shown.includes(secret) }).toEqual({ secret, leaked: false });
      }
      // outside production the developer sees the detail
      const dev = await gql(
        stack.gateway.url,
        '{ employerByCreditCode(creditCode: "91120104MA05K8XY3B") { id } }',
        {},
        auth,
      );
      expect(JSON.stringify(dev)).toContain('ECONNREFUSED');
    } finally {
      spy.mockRestore();
      await production.stop();
    }
  });

  it('in production a subgraph itself hides an internal error (defence in depth behind the gateway)', async () => {
    const direct = await enrollment.start({ ...testServiceConfig('enrollment'), NODE_ENV: 'production' });
    const spy = jest
      .spyOn(direct.app.employers, 'byCreditCode')
      .mockRejectedValue(new Error('relation "employer" does not exist — SELECT * FROM employer at 10.20.30.40:5432'));
    try {
      const r = await gql(
        direct.url,
        '{ employerByCreditCode(creditCode: "91120104MA05K8XY3B") { id } }',
        {},
        await internalIdentity(CITY_STAFF),
      );
      expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(r)).not.toMatch(/SELECT|employer"|10\.20\.30\.40|stacktrace/);
    } finally {
      spy.mockRestore();
      await direct.stop();
    }
  });

  it('the audit log records where a call came from: the client IP and user agent the gateway forwards', async () => {
    const clerk = { ...CITY_STAFF, subject: `clerk-audit-${Date.now().toString(36)}` };
    const headers = { ...(await bearer(clerk)), 'user-agent': 'yibao-counter/2.1' };
    const r = await gql(
      stack.gateway.url,
      'mutation { setCentralisedPeriod(forYear: 2031, from: "2030-09-01", to: "2030-12-31") { forYear } }',
      {},
      headers,
    );
    expect(r.errors).toBeUndefined();
    const log = await gql<{ enrollmentAuditLog: { nodes: Array<Record<string, string>> } }>(
      stack.gateway.url,
      `query($f: AuditLogFilter) { enrollmentAuditLog(filter: $f) {
        nodes { subject role scope action operation clientIp userAgent result at } } }`,
      { f: { subject: clerk.subject } },
      auth,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.enrollmentAuditLog.nodes).toEqual([
      expect.objectContaining({
        subject: clerk.subject,
        role: 'CITY_STAFF',
        scope: 'ANY',
        action: 'MUTATION',
        operation: 'setCentralisedPeriod',
        clientIp: expect.stringMatching(/127\.0\.0\.1/),
        userAgent: 'yibao-counter/2.1',
        result: 'OK',
      }),
    ]);
    // every subgraph has its own, for city staff only
    for (const name of ['transfer', 'benefits', 'notification']) {
      const own = await gql(stack.gateway.url, `{ ${name}AuditLog(first: 1) { hasNextPage } }`, {}, auth);
      expect(own.errors).toBeUndefined();
      const refused = await gql(
        stack.gateway.url,
        `{ ${name}AuditLog(first: 1) { hasNextPage } }`,
        {},
        await bearer(personIdentity('11111111-1111-4111-8111-111111111111')),
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a person token is still refused for someone else (the gateway forwards the caller, the subgraph decides)', async () => {
    const other = await gql(
      stack.gateway.url,
      PERSON,
      {},
      await bearer(personIdentity('11111111-1111-4111-8111-111111111111')),
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
