// npm run token -- --role CITY_STAFF [--district 120104] [--person <uuid>] [--employer <code>] [--grants op1,op2]
//   [--subject name] [--expires 8h]   (the gateway refuses a token more than 12 h old)
// Mints a development access token signed with JWT_SECRET (the gateway's development default when unset).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { SignJWT } = require('jose');

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'CITY_STAFF' },
    district: { type: 'string' },
    person: { type: 'string' },
    employer: { type: 'string' },
    grants: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});
const roles = ['CITY_STAFF', 'DISTRICT_STAFF', 'PERSON', 'EMPLOYER', 'INTEGRATOR', 'SYSTEM'];
if (!roles.includes(values.role)) {
  console.error(`--role must be one of ${roles.join(', ')}`);
  process.exit(2);
}
if (values.role === 'DISTRICT_STAFF' && !/^1201\d{2}$/.test(values.district ?? '')) {
  console.error('DISTRICT_STAFF needs --district 1201xx');
  process.exit(2);
}
const secret = process.env.JWT_SECRET ?? 'yibao-development-jwt-secret-change-me-now';
const claims = { role: values.role };
if (values.district) claims.district = values.district;
if (values.person) claims.personId = values.person;
if (values.employer) claims.employerCode = values.employer;
// INTEGRATOR: the root operations it may call (e.g. recordRegistrationNotice,applyForTransfer)
if (values.grants)
  claims.grants = values.grants
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(values.subject ?? `dev-${values.role.toLowerCase()}`)
  .setIssuer('yibao')
  .setAudience('yibao-gateway')
  .setIssuedAt()
  .setExpirationTime(values.expires)
  .sign(new TextEncoder().encode(secret));
console.log(token);
