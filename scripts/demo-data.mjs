// Demo data for `npm run stack`, entered through the gateway as a clerk would. Re-running is harmless: a person
// already registered answers CONFLICT and is skipped, with their relations.
export const DEMO_EMPLOYER = { creditCode: '91120104MA05A00012', name: '天津甲科技有限公司', district: '120104' };

export const DEMO_PERSONS = [
  {
    input: {
      idNumber: '120104198503151236',
      name: '王建国',
      mobile: '13820001001',
      householdRegion: '120104',
      residenceRegion: '120104',
    },
    // household resident this year, then hired: the employee registration suspends the resident relation (E1)
    relations: [
      {
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120104',
        unitCode: 'HH120104001',
        unitName: '南开区家庭虚拟户',
        startDate: 'YEAR-01-01',
      },
      {
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        regionCode: '120104',
        unitCode: '91120104MA05A00012',
        startDate: 'TODAY',
      },
    ],
  },
  {
    input: {
      idNumber: '120110199007204564',
      name: '李秀英',
      mobile: '13820001002',
      householdRegion: '120110',
      residenceRegion: '120103',
    },
    relations: [
      {
        scheme: 'EMPLOYEE',
        employeeCategory: 'FLEXIBLE',
        regionCode: '120110',
        unitCode: 'FLEX120110',
        unitName: '灵活就业',
        startDate: 'YEAR-01-01',
      },
    ],
  },
  {
    input: {
      idNumber: '120102201506017894',
      name: '张子涵',
      mobile: '13820001003',
      householdRegion: '120102',
      schoolRegion: '120102',
    },
    relations: [
      {
        scheme: 'RESIDENT',
        residentCategory: 'SCHOOL',
        schoolLevel: 'PRIMARY',
        regionCode: '120102',
        unitCode: 'TJ-PS-0102',
        unitName: '河东区第一小学',
        startDate: 'YEAR-01-01',
      },
    ],
  },
  {
    input: { idNumber: '120116202309103454', name: '刘一诺', mobile: '13820001004', householdRegion: '120116' },
    relations: [
      {
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120116',
        unitCode: 'HH120116001',
        unitName: '滨海新区家庭虚拟户',
        startDate: 'YEAR-01-01',
      },
    ],
  },
  {
    input: { idNumber: '120115195801025671', name: '陈志强', mobile: '13820001005', householdRegion: '120115' },
    relations: [
      {
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        retired: true,
        regionCode: '120104',
        unitCode: '91120104MA05A00012',
        startDate: '2018-01-01',
      },
    ],
  },
];

const REGISTER_PERSON = `mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id name } }`;
const REGISTER_EMPLOYER = `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`;
const REGISTER_RELATION = `mutation ($input: RegisterRelationInput!) {
  registerRelation(input: $input) { relation { id status } suspended { id } warnings { rule } } }`;

function chinaToday() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function seedDemoData(gatewayUrl, token) {
  const call = async (query, variables) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return res.json();
  };
  const today = chinaToday();
  const year = today.slice(0, 4);
  const employer = await call(REGISTER_EMPLOYER, { input: DEMO_EMPLOYER });
  if (employer.errors && employer.errors[0]?.extensions?.code !== 'CONFLICT') {
    throw new Error(`demo employer: ${JSON.stringify(employer.errors)}`);
  }
  const results = [];
  for (const { input, relations } of DEMO_PERSONS) {
    const body = await call(REGISTER_PERSON, { input });
    const code = body.errors?.[0]?.extensions?.code;
    if (code === 'CONFLICT') {
      results.push({ name: input.name, id: body.errors[0].extensions.existingPersonId, status: 'already there' });
      continue;
    }
    if (!body.data?.registerPerson) throw new Error(`demo data: ${input.name}: ${JSON.stringify(body.errors)}`);
    const personId = body.data.registerPerson.id;
    const notes = [];
    for (const r of relations) {
      const startDate = r.startDate.replace('YEAR', year).replace('TODAY', today);
      const rel = await call(REGISTER_RELATION, { input: { ...r, personId, startDate, channel: 'AGENCY_COUNTER' } });
      if (rel.errors) throw new Error(`demo relation of ${input.name}: ${JSON.stringify(rel.errors)}`);
      const out = rel.data.registerRelation;
      notes.push(
        `${r.scheme === 'EMPLOYEE' ? '职工' : '居民'}医保${out.suspended.length ? `（即参即停：暂停 ${out.suspended.length} 个原关系）` : ''}`,
      );
    }
    results.push({ name: input.name, id: personId, status: `registered: ${notes.join('，')}` });
  }
  return results;
}
