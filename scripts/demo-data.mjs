// Demo data for `npm run stack`, registered through the gateway like a clerk would. Re-running is harmless:
// a person already registered answers CONFLICT and is skipped.
export const DEMO_PERSONS = [
  {
    idNumber: '120104198503151236',
    name: '王建国',
    mobile: '13820001001',
    householdRegion: '120104',
    residenceRegion: '120104',
  },
  {
    idNumber: '120110199007204564',
    name: '李秀英',
    mobile: '13820001002',
    householdRegion: '120110',
    residenceRegion: '120103',
  },
  {
    idNumber: '120102201506017894',
    name: '张子涵',
    mobile: '13820001003',
    householdRegion: '120102',
    schoolRegion: '120102',
  },
  { idNumber: '120116202309103454', name: '刘一诺', mobile: '13820001004', householdRegion: '120116' },
  { idNumber: '120115195801025671', name: '陈志强', mobile: '13820001005', householdRegion: '120115' },
];

const REGISTER = `mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id name } }`;

export async function seedDemoData(gatewayUrl, token) {
  const results = [];
  for (const input of DEMO_PERSONS) {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REGISTER, variables: { input } }),
    });
    const body = await res.json();
    const code = body.errors?.[0]?.extensions?.code;
    if (body.data?.registerPerson)
      results.push({ name: input.name, id: body.data.registerPerson.id, status: 'registered' });
    else if (code === 'CONFLICT')
      results.push({ name: input.name, id: body.errors[0].extensions.existingPersonId, status: 'already there' });
    else throw new Error(`demo data: ${input.name}: ${JSON.stringify(body.errors)}`);
  }
  return results;
}
