import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type Identity } from '@yibao/shared';
import {
  CITY_STAFF as CITY,
  DISTRICT_STAFF as NANKAI,
  INTEGRATOR,
  INTERNAL_AUTH_SECRET,
  employerIdentity,
  gql,
  personIdentity,
  residentId,
} from '@yibao/test-kit';
import { EnrollmentHarness, residentCommand } from '@yibao/test-kit/enrollment';
import { enrollment } from '../../src/service';

/**
 * Personal data (ID and mobile numbers) masked for everyone but the person and staff of the right scope; the audit
 * log of every mutation and every staff read of an unmasked value: who, role, scope, what, when, from where, result.
 */

let h: EnrollmentHarness;
let personId: string;
let idNumber: string;
const MOBILE = '13812345678';
const employerCode = '91120104MA05K8XY3B';

const HEXI: Identity = { subject: 'clerk-hexi', role: 'DISTRICT_STAFF', district: '120103' };
const READ = 'query($id: ID!) { person(id: $id) { id idNumber mobile consents { idNumber phone } } }';

beforeAll(async () => {
  h = await new EnrollmentHarness().start();
  idNumber = residentId('19850715', '120104', Math.floor(Math.random() * 1000));
  const r = await h.gql<{ registerPerson: { id: string } }>(
    'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
    { input: { idNumber, name: '赵六', mobile: MOBILE, householdRegion: '120104', residenceRegion: '120104' } },
  );
  expect(r.errors).toBeUndefined();
  personId = r.data!.registerPerson.id;
  if (!(await h.app.employers.byCreditCode(employerCode, CITY)))
    await h.app.employers.register({ creditCode: employerCode, name: '天津甲科技有限公司', district: '120104' }, CITY);
  await h.app.relations.register(
    residentCommand(personId, {
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      residentCategory: null,
      unitCode: employerCode,
      unitName: '天津甲科技有限公司',
      startDate: '2026-02-01',
    }),
    CITY,
  );
  await h.app.consents.sign(
    {
      personId,
      name: '赵六',
      phone: MOBILE,
      originalUnitName: null,
      originalUnitCode: null,
      newUnitName: null,
      newUnitCode: null,
      promiseText: (await h.gql<{ consentPromiseText: string }>('{ consentPromiseText }')).data!.consentPromiseText,
      signature: 'esign-1',
      channel: 'ONLINE',
    },
    personIdentity(personId),
  );
});

afterAll(async () => {
  await h?.stop();
});

async function auditRows(where: string, params: unknown[]) {
  return h.service.runtime.dataSource.query(
    `SELECT subject, role, scope, action, operation, field, target_id, client_ip, user_agent, result
       FROM audit_log WHERE ${where} ORDER BY id`,
    params,
  ) as Promise<Array<Record<string, string | null>>>;
}

describe('personal data: masked but for the person and staff of the right scope', () => {
  it.each<[string, boolean, () => Identity]>([
    ['the city centre', false, () => CITY],
    ["the person's district branch (Nankai)", false, () => NANKAI],
    ['the person', false, () => personIdentity(personId)],
    ['another district branch (Hexi)', true, () => HEXI],
    ['an integrator', true, () => INTEGRATOR],
  ])('%s: masked = %s', async (_who, masked, as) => {
    const r = await h.gql<{ person: { idNumber: string; mobile: string; consents: unknown[] } }>(
      READ,
      { id: personId },
      as(),
    );
    expect(r.errors).toBeUndefined();
    const seen = r.data!.person;
    if (masked) {
      expect(seen).toMatchObject({
        idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
        mobile: '138****5678',
        consents: [{ idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`, phone: '138****5678' }],
      });
    } else {
      expect(seen).toMatchObject({ idNumber, mobile: MOBILE, consents: [{ idNumber, phone: MOBILE }] });
    }
  });

  it('a branch cannot rebuild a masked ID number by searching prefixes: it matches its own district’s only', async () => {
    const q = 'query($t: String!) { persons(search: { text: $t }, first: 100) { nodes { id } } }';
    const prefix = idNumber.slice(0, 15);
    const ids = async (as: Identity) =>
      (
        (await h.gql<{ persons: { nodes: Array<{ id: string }> } }>(q, { t: prefix }, as)).data?.persons.nodes ?? []
      ).map((n) => n.id);
    expect(await ids(HEXI)).not.toContain(personId);
    expect(await ids(NANKAI)).toContain(personId);
    expect(await ids(CITY)).toContain(personId);
  });

  it('an employer sees its staff member masked, and none of their other records', async () => {
    const r = await h.gql<{ person: { idNumber: string; mobile: string } }>(
      'query($id: ID!) { person(id: $id) { idNumber mobile } }',
      { id: personId },
      employerIdentity(employerCode),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.person.mobile).toBe('138****5678');
    expect(r.data!.person.idNumber).not.toBe(idNumber);
    const consents = await h.gql(READ, { id: personId }, employerIdentity(employerCode));
    expect(consents.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(consents.data)).not.toContain(idNumber);
  });
});

describe('audit log', () => {
  it('a staff read of an unmasked value is recorded with who, scope, what and from where; the person’s own is not', async () => {
    const token = await signInternalIdentity(NANKAI, INTERNAL_AUTH_SECRET, {
      ip: '10.9.8.7',
      userAgent: 'counter/1.0',
    });
    const r = await gql(h.service.url, READ, { id: personId }, { [INTERNAL_IDENTITY_HEADER]: token });
    expect(r.errors).toBeUndefined();
    const rows = await auditRows('subject = $1 AND target_id = $2', [NANKAI.subject, personId]);
    expect(rows).toEqual(
      expect.arrayContaining(
        ['Person.idNumber', 'Person.mobile', 'Consent.idNumber', 'Consent.phone'].map((field) => ({
          subject: NANKAI.subject,
          role: 'DISTRICT_STAFF',
          scope: 'OWN_DISTRICT',
          action: 'READ_UNMASKED',
          operation: 'person',
          field,
          target_id: personId,
          client_ip: '10.9.8.7',
          user_agent: 'counter/1.0',
          result: 'OK',
        })),
      ),
    );
    await h.gql(READ, { id: personId }, personIdentity(personId));
    await h.gql(READ, { id: personId }, HEXI); // masked: nothing to record
    expect(await auditRows('role IN ($1, $2) AND target_id = $3', ['PERSON', 'INTEGRATOR', personId])).toEqual([]);
    expect(await auditRows('subject = $1 AND action = $2', [HEXI.subject, 'READ_UNMASKED'])).toEqual([]);
  });

  it('every mutation is recorded, allowed or refused, with its result', async () => {
    const stranger = { ...personIdentity('22222222-2222-4222-8222-222222222222'), subject: `stranger-${Date.now()}` };
    const refused = await h.gql(
      'mutation { registerEmployer(input: { creditCode: "91120104MA05K8XY3B", name: "x", district: "120104" }) { id } }',
      {},
      stranger,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.gql('mutation { terminateRelation(id: "nope", reason: { zh: "错" }) { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await auditRows('subject = $1', [stranger.subject])).toEqual([
      expect.objectContaining({
        role: 'PERSON',
        action: 'MUTATION',
        operation: 'registerEmployer',
        result: 'FORBIDDEN',
      }),
    ]);
    expect(await auditRows('operation = $1 AND target_id = $2', ['terminateRelation', 'nope'])).toEqual([
      expect.objectContaining({ subject: CITY.subject, scope: 'ANY', target_id: 'nope', result: 'BAD_USER_INPUT' }),
    ]);
    expect(await auditRows('operation = $1 AND target_id = $2', ['registerPerson', personId])).toEqual([
      expect.objectContaining({ subject: CITY.subject, action: 'MUTATION', result: 'OK' }),
    ]);
  });

  it('cannot be changed: no mutation offers it, and the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    const mutations = Object.keys(enrollment.schema().getMutationType()!.getFields());
    expect(mutations.filter((m) => /audit/i.test(m))).toEqual([]);
    const ds = h.service.runtime.dataSource;
    await expect(ds.query("UPDATE audit_log SET result = 'OK'")).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('city staff query it (filter, first, after); nobody else may', async () => {
    const q = `query($filter: AuditLogFilter, $first: Int, $after: String) {
      enrollmentAuditLog(filter: $filter, first: $first, after: $after) {
        nodes { id at subject role scope action operation field targetId clientIp userAgent result }
        endCursor hasNextPage } }`;
    type Page = {
      enrollmentAuditLog: { nodes: Array<{ id: string; field: string }>; endCursor: string; hasNextPage: boolean };
    };
    const filter = { targetId: personId, action: 'READ_UNMASKED', subject: NANKAI.subject };
    const first = await h.gql<Page>(q, { filter, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.enrollmentAuditLog.nodes).toHaveLength(2);
    expect(first.data!.enrollmentAuditLog.hasNextPage).toBe(true);
    const next = await h.gql<Page>(q, { filter, first: 10, after: first.data!.enrollmentAuditLog.endCursor });
    const fields = [...first.data!.enrollmentAuditLog.nodes, ...next.data!.enrollmentAuditLog.nodes].map(
      (n) => n.field,
    );
    // Nankai read the person twice (above): four fields each time, newest first across the pages
    expect(fields).toHaveLength(8);
    expect([...new Set(fields)].sort()).toEqual([
      'Consent.idNumber',
      'Consent.phone',
      'Person.idNumber',
      'Person.mobile',
    ]);
    for (const as of [NANKAI, INTEGRATOR, personIdentity(personId), { subject: 'batch', role: 'SYSTEM' } as Identity]) {
      const r = await h.gql(q, {}, as);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const badInput = await h.gql(q, { filter: { action: 'DELETE' } });
    expect(badInput.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
