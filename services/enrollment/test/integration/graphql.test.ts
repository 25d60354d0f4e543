import { creditCodeCheckCharacter, type Identity } from '@yibao/shared';
import {
  CITY_STAFF as CITY,
  DISTRICT_STAFF as DISTRICT,
  INTEGRATOR as PLATFORM,
  residentId,
  type GraphQLResult,
} from '@yibao/test-kit';
import { EnrollmentHarness, newPerson } from '@yibao/test-kit/enrollment';

/**
 * The enrollment graph over HTTP on the test database: queries and pagination, access, the shape of refusals and
 * warnings, and the edge validation (BAD_USER_INPUT with every field in Chinese and English, nothing written).
 * The rules themselves are proved by the domain's specs; a test here that shows a rule through the graph says so.
 */

let h: EnrollmentHarness;

beforeAll(async () => {
  h = await new EnrollmentHarness().start();
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.clock.date = '2026-03-02';
});

// ---------------------------------------------------------------------------------------------------------------------
// Helpers

const TABLES = [
  'person',
  'employer',
  'insurance_relation',
  'relation_history',
  'outbox',
  'consent',
  'contribution',
  'suspension_application',
  'registration_notice',
  'centralised_period',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await h.count(table);
  return counts;
}

interface FieldProblem {
  field: string;
  zh: string;
  en: string;
}

const HAN = /\p{Script=Han}/u;

/** Sends the operation and expects BAD_USER_INPUT naming each field, in both languages, with nothing written. */
async function expectBadInput(
  query: string,
  variables: Record<string, unknown>,
  fields: string[],
  as: Identity = CITY,
): Promise<FieldProblem[]> {
  const before = await rowCounts();
  const res = await h.gql(query, variables, as);
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const problems = res.errors?.[0]?.extensions?.fields as FieldProblem[];
  expect(problems.map((p) => p.field).sort()).toEqual([...new Set(fields)].sort());
  for (const p of problems) {
    expect(p.zh).toMatch(HAN);
    expect(p.en).toMatch(/[a-z]{3}/i);
    expect(p.en).not.toMatch(HAN);
  }
  expect(await rowCounts()).toEqual(before);
  return problems;
}

function dataOf<T>(res: GraphQLResult<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

let creditSeq = Math.floor(Math.random() * 9_000_000);
/** A fresh valid unified social credit code of a Tianjin (南开区) enterprise. */
function creditCode(): string {
  creditSeq += 1;
  const first17 = `91120104MA${String(creditSeq).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

function asPerson(personId: string): Identity {
  return { subject: `person-${personId.slice(0, 8)}`, role: 'PERSON', personId };
}

const REGISTER_RELATION = /* GraphQL */ `
  mutation ($input: RegisterRelationInput!) {
    registerRelation(input: $input) {
      relation {
        id
        status
        scheme
        employeeCategory
        residentCategory
        periodYear
        startDate
        unitCode
        unitName
      }
      suspended {
        id
        status
        suspensionRule
      }
      warnings {
        rule
        message {
          zh
          en
        }
        lapse {
          lapseYears
          lastCoveredOn
          resumesOn
          outsideCentralisedPeriod
        }
      }
    }
  }
`;

interface Registered {
  registerRelation: {
    relation: { id: string; status: string; periodYear: number; startDate: string; unitName: string | null };
    suspended: Array<{ id: string; status: string; suspensionRule: string }>;
    warnings: Array<{
      rule: string;
      message: { zh: string; en: string };
      lapse: {
        lapseYears: number[];
        lastCoveredOn: string | null;
        resumesOn: string;
        outsideCentralisedPeriod: boolean;
      };
    }>;
  };
}

const household = (personId: string, extra: Record<string, unknown> = {}) => ({
  personId,
  scheme: 'RESIDENT',
  residentCategory: 'HOUSEHOLD',
  regionCode: '120104',
  unitCode: 'HH-120104',
  startDate: '2026-03-02',
  ...extra,
});

const flexible = (personId: string, extra: Record<string, unknown> = {}) => ({
  personId,
  scheme: 'EMPLOYEE',
  employeeCategory: 'FLEXIBLE',
  regionCode: '120104',
  startDate: '2026-01-05',
  ...extra,
});

async function register(input: Record<string, unknown>, as: Identity = CITY): Promise<Registered['registerRelation']> {
  return dataOf(await h.gql<Registered>(REGISTER_RELATION, { input }, as)).registerRelation;
}

const REGISTER_EMPLOYER = /* GraphQL */ `
  mutation ($input: RegisterEmployerInput!) {
    registerEmployer(input: $input) {
      id
      creditCode
      name
      district
    }
  }
`;

async function newEmployer(name = '天津测试有限公司'): Promise<{ id: string; creditCode: string }> {
  const res = await h.gql<{ registerEmployer: { id: string; creditCode: string } }>(REGISTER_EMPLOYER, {
    input: { creditCode: creditCode(), name, district: '120104' },
  });
  return dataOf(res).registerEmployer;
}

// ---------------------------------------------------------------------------------------------------------------------

describe('queries', () => {
  it('persons pages through a search with the cursor: three pages, then no next page', async () => {
    const tag = `分页${Math.floor(Math.random() * 1e6)}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(await newPerson(h, { name: `${tag}-${i}` }));
    const query = /* GraphQL */ `
      query ($search: PersonSearchInput, $after: String) {
        persons(search: $search, first: 2, after: $after) {
          nodes {
            id
            name
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    `;
    type Page = { persons: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const seen: string[][] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const { persons }: Page = dataOf(await h.gql<Page>(query, { search: { text: tag }, after }));
      seen.push(persons.nodes.map((n) => n.id));
      more.push(persons.pageInfo.hasNextPage);
      after = persons.pageInfo.endCursor;
    }
    expect(seen.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(more).toEqual([true, true, false]);
    expect(seen.flat()).toEqual(created);

    const bad = await h.gql(query, { search: { text: tag }, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as FieldProblem[])[0]?.field).toBe('after');
  });

  it('a person reads their own relations; reading another person’s is FORBIDDEN', async () => {
    const mine = await newPerson(h);
    const theirs = await newPerson(h);
    const myRelation = (await register(household(mine))).relation.id;
    const theirRelation = (await register(household(theirs))).relation.id;
    const query = /* GraphQL */ `
      query ($id: ID!) {
        person(id: $id) {
          id
          relations {
            id
            status
          }
        }
      }
    `;

    const own = dataOf(
      await h.gql<{ person: { relations: Array<{ id: string }> } }>(query, { id: mine }, asPerson(mine)),
    );
    expect(own.person.relations.map((r) => r.id)).toEqual([myRelation]);

    const other = await h.gql(query, { id: theirs }, asPerson(mine));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const direct = await h.gql(`query ($id: ID!) { relation(id: $id) { id } }`, { id: theirRelation }, asPerson(mine));
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const search = await h.gql(`{ persons { nodes { id } } }`, {}, asPerson(mine));
    expect(search.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an employer is found by id, by credit code and by district, with its staff and their persons', async () => {
    const employer = await newEmployer('天津图谱测试科技有限公司');
    const personId = await newPerson(h);
    const staff = await register({
      personId,
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      regionCode: '120104',
      unitCode: employer.creditCode.toLowerCase(),
      startDate: '2026-03-02',
    });
    expect(staff.relation.unitName).toBe('天津图谱测试科技有限公司');

    const byCode = dataOf(
      await h.gql<{ employerByCreditCode: { id: string; staff: Array<{ id: string; person: { id: string } }> } }>(
        `query ($code: String!) { employerByCreditCode(creditCode: $code) { id staff { id status person { id } } } }`,
        { code: ` ${employer.creditCode.toLowerCase()} ` },
      ),
    );
    expect(byCode.employerByCreditCode.id).toBe(employer.id);
    expect(byCode.employerByCreditCode.staff).toEqual([
      { id: staff.relation.id, status: 'ACTIVE', person: { id: personId } },
    ]);

    const byId = dataOf(
      await h.gql<{ employer: { creditCode: string } }>(`query ($id: ID!) { employer(id: $id) { creditCode } }`, {
        id: employer.id,
      }),
    );
    expect(byId.employer.creditCode).toBe(employer.creditCode);

    const search = dataOf(
      await h.gql<{ employers: { nodes: Array<{ id: string }> } }>(
        `{ employers(search: { text: "图谱测试", district: "120104" }) { nodes { id } pageInfo { hasNextPage } } }`,
      ),
    );
    expect(search.employers.nodes.map((e) => e.id)).toEqual([employer.id]);
  });

  it('an employer sees the persons it insures as staff, but not their other relations nor anyone else', async () => {
    const employer = await newEmployer('天津雇主视角测试有限公司');
    const staffId = await newPerson(h);
    const strangerId = await newPerson(h);
    await register({
      personId: staffId,
      scheme: 'EMPLOYEE',
      employeeCategory: 'EMPLOYER_STAFF',
      regionCode: '120104',
      unitCode: employer.creditCode,
      startDate: '2026-03-02',
    });
    const asEmployer: Identity = { subject: 'hr', role: 'EMPLOYER', employerCode: employer.creditCode };
    const staff = dataOf(
      await h.gql<{ employer: { staff: Array<{ person: { id: string; name: string } }> } }>(
        `query ($id: ID!) { employer(id: $id) { staff { person { id name } } } }`,
        { id: employer.id },
        asEmployer,
      ),
    );
    expect(staff.employer.staff.map((s) => s.person.id)).toEqual([staffId]);
    const history = await h.gql(
      `query ($id: ID!) { person(id: $id) { relations { id } } }`,
      { id: staffId },
      asEmployer,
    );
    expect(history.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await h.gql(`query ($id: ID!) { person(id: $id) { id } }`, { id: strangerId }, asEmployer);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a person looking up an ID number that is not theirs is FORBIDDEN, registered or not (no existence leak)', async () => {
    const mine = await newPerson(h);
    const theirs = await newPerson(h);
    const theirNumber = (await h.app.persons.byId(theirs, CITY))!.idNumber;
    const query = `query ($n: String!) { personByIdNumber(idNumber: $n) { id } }`;
    const registered = await h.gql(query, { n: theirNumber }, asPerson(mine));
    const unknown = await h.gql(query, { n: residentId('19800101', '120104', 999) }, asPerson(mine));
    expect(registered.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a malformed id is a bad input, not an internal error', async () => {
    await expectBadInput(`{ person(id: "abc") { id } }`, {}, ['id']);
  });
});

describe('registration', () => {
  it('E3: a resident registration while the employee relation is active is refused with the rule, the reason and the next step', async () => {
    const personId = await newPerson(h);
    await register(flexible(personId));
    const before = await rowCounts();

    const res = await h.gql(REGISTER_RELATION, { input: household(personId) });

    const ext = res.errors?.[0]?.extensions as {
      code: string;
      rule: string;
      reason: { zh: string; en: string };
      nextStep: { zh: string; en: string };
    };
    expect(ext.code).toBe('RULE_REFUSED');
    expect(ext.rule).toBe('E3');
    expect(ext.reason.zh).toMatch(HAN);
    expect(ext.reason.en).toMatch(/employee relation is active/);
    expect(ext.nextStep.zh).toContain('暂停');
    expect(ext.nextStep.en).toMatch(/suspend/);
    expect(await rowCounts()).toEqual(before);
  });

  it('E1: an employee registration returns the resident relation it suspended in the same transaction', async () => {
    const personId = await newPerson(h);
    const resident = await register(household(personId));
    const employee = await register(flexible(personId, { startDate: '2026-03-02' }));
    expect(employee.relation.status).toBe('ACTIVE');
    expect(employee.suspended).toEqual([{ id: resident.relation.id, status: 'SUSPENDED', suspensionRule: 'E1' }]);
    expect(employee.warnings).toEqual([]);
  });

  it('E13: re-enrolling after a lapsed year returns the waiting-period warning with the lapse facts', async () => {
    const personId = await newPerson(h);
    h.clock.date = '2024-03-01';
    await register(household(personId, { startDate: '2024-03-01' }));
    h.clock.date = '2026-03-02';

    const again = await register(household(personId));

    expect(again.relation.status).toBe('ACTIVE');
    expect(again.warnings).toHaveLength(1);
    const [warning] = again.warnings;
    expect(warning?.rule).toBe('E13');
    expect(warning?.message.zh).toMatch(HAN);
    expect(warning?.message.en).toMatch(/waiting period/i);
    expect(warning?.lapse).toEqual({
      lapseYears: [2025],
      lastCoveredOn: '2024-12-31',
      resumesOn: '2026-03-02',
      outsideCentralisedPeriod: true,
    });
  });

  it('a resident registration for next year starts on 1 January of that year', async () => {
    h.clock.date = '2026-10-15';
    const personId = await newPerson(h);
    const next = await register(household(personId, { startDate: '2026-10-15', periodYear: 2027 }));
    expect(next.relation).toMatchObject({ periodYear: 2027, startDate: '2027-01-01', status: 'ACTIVE' });
  });
});

describe('bad input: BAD_USER_INPUT naming every field in Chinese and English, and nothing written', () => {
  const REGISTER_PERSON = /* GraphQL */ `
    mutation ($input: RegisterPersonInput!) {
      registerPerson(input: $input) {
        id
      }
    }
  `;

  it('a resident ID with a wrong check character (and a bad mobile in the same form: both reported)', async () => {
    const good = residentId('19850505', '120104', 123);
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const problems = await expectBadInput(
      REGISTER_PERSON,
      { input: { idNumber: wrong, name: '张三', mobile: '12345' } },
      ['input.idNumber', 'input.mobile'],
    );
    const id = problems.find((p) => p.field === 'input.idNumber');
    expect(id?.zh).toContain('校验码错误');
    expect(id?.en).toContain('wrong check character');
  });

  it('an unknown region code', async () => {
    const personId = await newPerson(h);
    const [problem] = await expectBadInput(
      REGISTER_RELATION,
      { input: household(personId, { regionCode: '999999' }) },
      ['input.regionCode'],
    );
    expect(problem?.zh).toContain('999999');
    expect(problem?.en).toContain('does not exist');
  });

  it('a school level on a household registration', async () => {
    const personId = await newPerson(h);
    const [problem] = await expectBadInput(
      REGISTER_RELATION,
      { input: household(personId, { schoolLevel: 'PRIMARY' }) },
      ['input.schoolLevel'],
    );
    expect(problem?.zh).toContain('家庭虚拟户');
    expect(problem?.en).toContain('household');
  });

  it('dates in the wrong order: end before start, graduation before start, a period ending before it begins', async () => {
    const personId = await newPerson(h);
    await expectBadInput(REGISTER_RELATION, { input: flexible(personId, { endDate: '2026-01-01' }) }, [
      'input.endDate',
    ]);
    await expectBadInput(
      REGISTER_RELATION,
      {
        input: household(personId, {
          residentCategory: 'SCHOOL',
          schoolLevel: 'UNIVERSITY',
          unitCode: 'SCH-1',
          expectedGraduation: '2025-07-01',
        }),
      },
      ['input.expectedGraduation'],
    );
    await expectBadInput(
      `mutation { setCentralisedPeriod(forYear: 2027, from: "2026-12-31", to: "2026-09-01") { forYear } }`,
      {},
      ['to'],
    );
  });

  it('an unknown employer for an employer-staff registration', async () => {
    const personId = await newPerson(h);
    const [problem] = await expectBadInput(
      REGISTER_RELATION,
      {
        input: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120104',
          unitCode: creditCode(),
          startDate: '2026-03-02',
        },
      },
      ['input.unitCode'],
    );
    expect(problem?.zh).toContain('未登记');
    expect(problem?.en).toContain('unknown employer');
  });

  it('a credit code with a wrong check character, for an employer and for a staff registration', async () => {
    const good = creditCode();
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const [employer] = await expectBadInput(
      REGISTER_EMPLOYER,
      { input: { creditCode: wrong, name: '天津错码公司', district: '120104' } },
      ['input.creditCode'],
    );
    expect(employer?.zh).toContain('校验码错误');
    const personId = await newPerson(h);
    await expectBadInput(
      REGISTER_RELATION,
      {
        input: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120104',
          unitCode: wrong,
          startDate: '2026-03-02',
        },
      },
      ['input.unitCode'],
    );
  });

  it('an employer district outside Tianjin, or not a district, together with an empty name', async () => {
    await expectBadInput(REGISTER_EMPLOYER, { input: { creditCode: creditCode(), name: ' ', district: '110101' } }, [
      'input.district',
      'input.name',
    ]);
    await expectBadInput(REGISTER_EMPLOYER, { input: { creditCode: creditCode(), name: '甲', district: '120000' } }, [
      'input.district',
    ]);
  });

  it('scheme and category that do not fit, all reported at once', async () => {
    const personId = await newPerson(h);
    await expectBadInput(REGISTER_RELATION, { input: { ...household(personId), scheme: 'EMPLOYEE', retired: true } }, [
      'input.employeeCategory',
      'input.residentCategory',
    ]);
    await expectBadInput(REGISTER_RELATION, { input: household(personId, { retired: true, periodYear: 2030 }) }, [
      'input.retired',
      'input.periodYear',
    ]);
    await expectBadInput(
      REGISTER_RELATION,
      { input: household(personId, { residentCategory: 'SCHOOL', unitCode: 'SCH-1' }) },
      ['input.schoolLevel'],
    );
    await expectBadInput(REGISTER_RELATION, { input: flexible(personId, { backPayment: true }) }, ['input.endDate']);
  });

  it('recordContribution refuses 12.5 fen and a negative amount', async () => {
    const personId = await newPerson(h);
    const mutation = /* GraphQL */ `
      mutation ($input: RecordContributionInput!) {
        recordContribution(input: $input) {
          id
        }
      }
    `;
    const input = {
      personId,
      scheme: 'RESIDENT',
      year: 2026,
      kind: 'NORMAL',
      amountFen: 12.5,
      paidOn: '2026-02-01',
    };
    const before = await rowCounts();
    const res = await h.gql(mutation, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('amountFen');
    expect(await rowCounts()).toEqual(before);

    const [negative] = await expectBadInput(mutation, { input: { ...input, amountFen: -100 } }, ['input.amountFen']);
    expect(negative?.zh).toContain('分');
  });

  it('a registration notice naming a Tianjin region, with an ID number of a wrong check character', async () => {
    const good = residentId('19800101', '120104', 7);
    await expectBadInput(
      `mutation ($input: RegistrationNoticeInput!) { recordRegistrationNotice(input: $input) { duplicate } }`,
      {
        input: {
          externalId: 'NP-bad-1',
          idNumber: good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'),
          registration: {
            scheme: 'RESIDENT',
            residentCategory: 'HOUSEHOLD',
            regionCode: '120104',
            startDate: '2026-03-02',
          },
        },
      },
      ['input.idNumber', 'input.registration.regionCode'],
      PLATFORM,
    );
  });

  it('E16: a registration notice whose day elsewhere has not come (or is no date) is refused, nothing written', async () => {
    const notice = (registeredOn: string) => ({
      input: {
        externalId: `NP-future-${registeredOn}`,
        idNumber: residentId('19800101', '120104', 8),
        registration: {
          scheme: 'RESIDENT',
          residentCategory: 'HOUSEHOLD',
          regionCode: '110101',
          startDate: '2026-03-02',
          registeredOn,
        },
      },
    });
    const query = `mutation ($input: RegistrationNoticeInput!) { recordRegistrationNotice(input: $input) { duplicate } }`;
    const [future] = await expectBadInput(query, notice('2026-03-03'), ['input.registration.registeredOn'], PLATFORM);
    expect(future?.en).toContain('2026-03-02');
    await expectBadInput(query, notice('2026-02-30'), ['input.registration.registeredOn'], PLATFORM);
  });

  it('E16: a consent signed at a counter without the units the agency fills is refused, every missing field named', async () => {
    const personId = await newPerson(h);
    const { consentPromiseText } = dataOf(await h.gql<{ consentPromiseText: string }>('{ consentPromiseText }'));
    await expectBadInput(
      `mutation ($input: SignConsentInput!) { signConsent(input: $input) { id } }`,
      {
        input: {
          personId,
          name: '李四',
          phone: '13912345678',
          promiseText: consentPromiseText,
          signature: 'scan-001',
          channel: 'COUNTER',
        },
      },
      ['input.originalUnitName', 'input.originalUnitCode', 'input.newUnitName', 'input.newUnitCode'],
    );
  });
});

describe('suspension, corrections and the rights record', () => {
  const APPLY = /* GraphQL */ `
    mutation ($input: ApplySuspensionInput!) {
      applySuspension(input: $input) {
        relation {
          id
          status
          endDate
        }
        application {
          id
          outcome
          channel
          applicantKind
          applicantRef
        }
      }
    }
  `;

  it('E15: a suspension applied for in the app is in the relation history with who, when, why and the channel', async () => {
    const personId = await newPerson(h);
    const relationId = (await register(flexible(personId))).relation.id;
    const me = asPerson(personId);

    const applied = dataOf(
      await h.gql<{ applySuspension: { relation: { status: string; endDate: string }; application: object } }>(
        APPLY,
        { input: { relationId, channel: 'JIN_YIBAO_APP' } },
        me,
      ),
    ).applySuspension;
    expect(applied.relation).toMatchObject({ status: 'SUSPENDED', endDate: '2026-03-02' });
    expect(applied.application).toMatchObject({
      outcome: 'ACCEPTED',
      channel: 'JIN_YIBAO_APP',
      applicantKind: 'PERSON',
      applicantRef: personId,
    });

    const history = dataOf(
      await h.gql<{ relation: { history: Array<Record<string, unknown>> } }>(
        /* GraphQL */ `
          query ($id: ID!) {
            relation(id: $id) {
              history {
                fromStatus
                toStatus
                cause
                reason {
                  zh
                  en
                }
                effectiveDate
                coveredUntil
                channel
                actor {
                  subject
                  role
                }
                changedAt
              }
            }
          }
        `,
        { id: relationId },
        me,
      ),
    ).relation.history;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      fromStatus: null,
      toStatus: 'ACTIVE',
      cause: 'REGISTRATION',
      effectiveDate: '2026-01-05',
      actor: { subject: CITY.subject, role: 'CITY_STAFF' },
    });
    expect(history[1]).toMatchObject({
      fromStatus: 'ACTIVE',
      toStatus: 'SUSPENDED',
      cause: 'E15',
      effectiveDate: '2026-03-02',
      coveredUntil: '2026-03-31',
      channel: 'JIN_YIBAO_APP',
      actor: { subject: me.subject, role: 'PERSON' },
    });
    const why = history[1]?.reason as { zh: string; en: string };
    expect(why.zh).toMatch(HAN);
    expect(why.en).toMatch(/[a-z]{3}/);
    expect(Date.parse(String(history[1]?.changedAt))).not.toBeNaN();

    const apps = dataOf(
      await h.gql<{ person: { suspensionApplications: Array<Record<string, unknown>> } }>(
        `query ($id: ID!) { person(id: $id) { suspensionApplications { outcome channel refusal { rule } relation { id } } } }`,
        { id: personId },
        me,
      ),
    ).person.suspensionApplications;
    expect(apps).toEqual([
      { outcome: 'ACCEPTED', channel: 'JIN_YIBAO_APP', refusal: null, relation: { id: relationId } },
    ]);
  });

  it('E7: a person’s own application to suspend an employer-staff relation is refused, and the refused application is kept', async () => {
    const employer = await newEmployer();
    const personId = await newPerson(h);
    const relationId = (
      await register({
        personId,
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        regionCode: '120104',
        unitCode: employer.creditCode,
        startDate: '2026-03-02',
      })
    ).relation.id;

    const res = await h.gql(APPLY, { input: { relationId, channel: 'PERSONAL_WEB_HALL' } }, asPerson(personId));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_REFUSED', rule: 'E7' });

    const apps = dataOf(
      await h.gql<{ person: { suspensionApplications: Array<Record<string, unknown>> } }>(
        `query ($id: ID!) { person(id: $id) { suspensionApplications { outcome refusal { rule reason { zh en } } } } }`,
        { id: personId },
      ),
    ).person.suspensionApplications;
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ outcome: 'REFUSED', refusal: { rule: 'E7' } });
  });

  it('staff at a counter must name the applicant; an employer applicant needs a valid credit code', async () => {
    const personId = await newPerson(h);
    const relationId = (await register(flexible(personId))).relation.id;
    await expectBadInput(APPLY, { input: { relationId, channel: 'AGENCY_COUNTER' } }, ['input.applicant']);
    await expectBadInput(
      APPLY,
      {
        input: {
          relationId,
          channel: 'AGENCY_COUNTER',
          applicant: { kind: 'EMPLOYER', unitCode: '91120104MA0000000' },
        },
      },
      ['input.applicant.unitCode'],
    );
    const ok = dataOf(
      await h.gql<{ applySuspension: { relation: { status: string } } }>(APPLY, {
        input: { relationId, channel: 'AGENCY_COUNTER', applicant: { kind: 'PERSON', personId } },
      }),
    );
    expect(ok.applySuspension.relation.status).toBe('SUSPENDED');
  });

  it('a district branch operates its own district only: another district’s relation is FORBIDDEN and unchanged', async () => {
    const personId = await newPerson(h);
    const binhai = await register({
      personId,
      scheme: 'RESIDENT',
      residentCategory: 'HOUSEHOLD',
      regionCode: '120116',
      unitCode: 'HH120116001',
      startDate: '2026-01-01',
    });
    const terminate = `mutation ($id: ID!) { terminateRelation(id: $id, reason: { zh: "更正" }) { id } }`;
    const nankai = await h.gql(terminate, { id: binhai.relation.id }, DISTRICT);
    expect(nankai.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(nankai.errors?.[0]?.message).toContain('120104');
    const registerThere = await h.gql(
      `mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) { relation { id } } }`,
      {
        input: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'FLEXIBLE',
          regionCode: '120116',
          unitCode: 'FLEX120116',
          startDate: '2026-03-02',
        },
      },
      DISTRICT,
    );
    expect(registerThere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('insurance_relation', "person_id = $1 AND status = 'ACTIVE'", [personId])).toBe(1);
  });

  it('staff resume a suspended relation and terminate it, with the reason in the history', async () => {
    const personId = await newPerson(h);
    const relationId = (await register(flexible(personId))).relation.id;
    await h.gql(APPLY, { input: { relationId, channel: 'JIN_XIN_BAN_APP' } }, asPerson(personId));

    const resumed = dataOf(
      await h.gql<{ resumeRelation: { status: string } }>(
        `mutation ($id: ID!) { resumeRelation(id: $id, reason: { zh: "误操作更正" }) { status } }`,
        { id: relationId },
        DISTRICT,
      ),
    );
    expect(resumed.resumeRelation.status).toBe('ACTIVE');

    const terminate = `mutation ($id: ID!) { terminateRelation(id: $id, reason: { zh: "死亡", en: "death" }) { status history { cause reason { zh en } actor { role } } } }`;
    const terminated = dataOf(
      await h.gql<{ terminateRelation: { status: string; history: Array<Record<string, unknown>> } }>(terminate, {
        id: relationId,
      }),
    ).terminateRelation;
    expect(terminated.status).toBe('TERMINATED');
    expect(terminated.history.map((c) => c.cause)).toEqual(['REGISTRATION', 'E15', 'RESUMPTION', 'TERMINATION']);
    expect(terminated.history[2]).toMatchObject({
      reason: { zh: '误操作更正', en: '误操作更正' },
      actor: { role: 'DISTRICT_STAFF' },
    });
    expect(terminated.history[3]).toMatchObject({ reason: { zh: '死亡', en: 'death' } });

    // terminating twice does not fit the relation's state: CONFLICT, with the state it is in
    const again = await h.gql(terminate, { id: relationId });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      status: 'TERMINATED',
      reason: { en: expect.stringContaining('already terminated') },
    });

    const byPerson = await h.gql(terminate, { id: relationId }, asPerson(personId));
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('notices, consents, contributions, newborns and the centralised period', () => {
  it('E5: with a signed consent the national platform’s notice suspends the Tianjin resident relation; a redelivery changes nothing', async () => {
    const personId = await newPerson(h, { householdRegion: '110101' });
    const tianjin = (await register(household(personId, { unitCode: 'HH-TJ-1' }))).relation.id;
    const { consentPromiseText } = dataOf(await h.gql<{ consentPromiseText: string }>('{ consentPromiseText }'));
    const consent = dataOf(
      await h.gql<{ signConsent: { id: string; idType: string; channel: string } }>(
        `mutation ($input: SignConsentInput!) { signConsent(input: $input) { id idType channel phone } }`,
        {
          input: {
            personId,
            name: '王五',
            phone: '+86 139 1234 5678',
            originalUnitName: '南开区家庭户',
            originalUnitCode: 'HH-TJ-1',
            newUnitName: '北京东城区家庭户',
            newUnitCode: 'HH-BJ-1',
            promiseText: consentPromiseText,
            signature: 'scan-002',
            channel: 'COUNTER',
          },
        },
      ),
    ).signConsent;
    expect(consent).toMatchObject({ idType: 'RESIDENT_ID', channel: 'COUNTER', phone: '13912345678' });

    const { idNumber } = dataOf(
      await h.gql<{ person: { idNumber: string } }>(`query ($id: ID!) { person(id: $id) { idNumber } }`, {
        id: personId,
      }),
    ).person;
    const record = /* GraphQL */ `
      mutation ($input: RegistrationNoticeInput!) {
        recordRegistrationNotice(input: $input) {
          notice {
            suspended
            why
            rule
            insuredTwice
            registration {
              regionCode
              periodYear
            }
          }
          suspended {
            id
            status
          }
          duplicate
        }
      }
    `;
    const input = {
      externalId: `NP-${personId}`,
      idNumber,
      registration: {
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '110101',
        unitCode: 'HH-BJ-1',
        startDate: '2026-03-02',
      },
    };
    type Outcome = { recordRegistrationNotice: Record<string, unknown> };
    const first = dataOf(await h.gql<Outcome>(record, { input }, PLATFORM)).recordRegistrationNotice;
    expect(first).toEqual({
      notice: {
        suspended: true,
        why: null,
        rule: 'E5',
        insuredTwice: false,
        registration: { regionCode: '110101', periodYear: 2026 },
      },
      suspended: [{ id: tianjin, status: 'SUSPENDED' }],
      duplicate: false,
    });
    const before = await rowCounts();
    const again = dataOf(await h.gql<Outcome>(record, { input }, PLATFORM)).recordRegistrationNotice;
    expect(again).toMatchObject({ suspended: [], duplicate: true });
    expect(await rowCounts()).toEqual(before);

    const person = dataOf(
      await h.gql<{ person: Record<string, unknown[]> }>(
        `query ($id: ID!) { person(id: $id) { consents { id } registrationNotices { suspended rule } } }`,
        { id: personId },
      ),
    ).person;
    expect(person.consents).toEqual([{ id: consent.id }]);
    expect(person.registrationNotices).toEqual([{ suspended: true, rule: 'E5' }]);
  });

  it('contributions are recorded in fen and refunded once', async () => {
    const personId = await newPerson(h);
    const recorded = dataOf(
      await h.gql<{ recordContribution: { id: string; amountFen: number } }>(
        `mutation ($input: RecordContributionInput!) { recordContribution(input: $input) { id amountFen refundedOn } }`,
        {
          input: {
            personId,
            scheme: 'EMPLOYEE',
            employeeCategory: 'FLEXIBLE',
            year: 2026,
            kind: 'PREPAYMENT',
            amountFen: 123456,
            paidOn: '2026-01-10',
          },
        },
        PLATFORM,
      ),
    ).recordContribution;
    expect(recorded.amountFen).toBe(123456);

    const refund = `mutation ($id: ID!) { recordRefund(contributionId: $id, refundedOn: "2026-02-01") { refundedOn } }`;
    expect(dataOf(await h.gql(refund, { id: recorded.id }, PLATFORM))).toEqual({
      recordRefund: { refundedOn: '2026-02-01' },
    });
    await expectBadInput(refund, { id: recorded.id }, ['contributionId'], PLATFORM);

    const listed = dataOf(
      await h.gql<{ person: { contributions: unknown[] } }>(
        `query ($id: ID!) { person(id: $id) { contributions { kind amountFen paidOn refundedOn } } }`,
        { id: personId },
      ),
    ).person.contributions;
    expect(listed).toEqual([{ kind: 'PREPAYMENT', amountFen: 123456, paidOn: '2026-01-10', refundedOn: '2026-02-01' }]);
  });

  it('recordNewbornId checks the check character, then gives the person the resident ID', async () => {
    const born = dataOf(
      await h.gql<{ registerPerson: { id: string } }>(
        `mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        {
          input: {
            idType: 'BIRTH_CERTIFICATE',
            idNumber: `O${Math.floor(Math.random() * 1e9)}`,
            name: '新生儿',
            birthDate: '2025-11-20',
            gender: 'FEMALE',
            householdRegion: '120104',
          },
        },
      ),
    ).registerPerson;
    await register({
      personId: born.id,
      scheme: 'RESIDENT',
      residentCategory: 'NEWBORN',
      regionCode: '120104',
      startDate: '2026-01-01',
    });
    const id = residentId('20251120', '120104', 124);
    const wrong = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    const mutation = /* GraphQL */ `
      mutation ($personId: ID!, $idNumber: String!) {
        recordNewbornId(personId: $personId, idNumber: $idNumber) {
          person {
            idType
            idNumber
          }
          resumed {
            id
          }
        }
      }
    `;
    await expectBadInput(mutation, { personId: born.id, idNumber: wrong }, ['idNumber']);
    const done = dataOf(await h.gql<{ recordNewbornId: unknown }>(mutation, { personId: born.id, idNumber: id }));
    expect(done.recordNewbornId).toEqual({ person: { idType: 'RESIDENT_ID', idNumber: id }, resumed: [] });
  });

  it('the city centre sets the centralised period; a district branch may not', async () => {
    const set = `mutation { setCentralisedPeriod(forYear: 2031, from: "2030-09-01", to: "2030-12-20") { forYear from to } }`;
    const byDistrict = await h.gql(set, {}, DISTRICT);
    expect(byDistrict.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(dataOf(await h.gql(set))).toEqual({
      setCentralisedPeriod: { forYear: 2031, from: '2030-09-01', to: '2030-12-20' },
    });
  });
});
