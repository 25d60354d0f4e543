import { Client } from 'pg';
import { CITY_STAFF as CITY } from '@yibao/test-kit';
import { EnrollmentHarness, newPerson, residentCommand } from '@yibao/test-kit/enrollment';

/**
 * DataLoader per request: a federated query for N persons (the gateway sends their references in one `_entities`
 * call) costs a constant number of SQL queries, whatever N. Counted at the pg driver, leaving out the relay's and
 * the consumers' own outbox/inbox polling.
 */
const h = new EnrollmentHarness();

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await h.stop();
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person {
      id name
      relations { id status history { toStatus changedAt } person { id } }
      consents { id }
      contributions { id }
      suspensionApplications { id }
      registrationNotices { id }
    }
  }
}`;

async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const original = Client.prototype.query;
  const counting = function (this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (
      !/\b(outbox|inbox|consumer_attempt)\b/i.test(text) &&
      !/^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)/i.test(text.trim())
    ) {
      queries.push(text);
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = counting as typeof Client.prototype.query;
  try {
    return { result: await fn(), queries };
  } finally {
    Client.prototype.query = original;
  }
}

async function personsWithRelations(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await newPerson(h);
    await h.app.relations.register(residentCommand(id), CITY);
    ids.push(id);
  }
  return ids;
}

it('Person fields and __resolveReference cost the same number of SQL queries for 2 persons as for 12', async () => {
  const few = await personsWithRelations(2);
  const many = await personsWithRelations(12);
  const read = (ids: string[]) =>
    countQueries(() => h.gql(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Person', id })) }));

  const a = await read(few);
  const b = await read(many);

  expect(a.result.errors).toBeUndefined();
  expect(b.result.errors).toBeUndefined();
  const persons = (b.result.data as { _entities: Array<{ id: string; relations: unknown[] }> })._entities;
  expect(persons.map((p) => p.id)).toEqual(many);
  expect(persons.every((p) => p.relations.length === 1)).toBe(true);
  // one query per field at most (person, relations, history, consents, contributions, applications, notices)
  expect(b.queries.length).toBe(a.queries.length);
  expect(b.queries.length).toBeLessThanOrEqual(7);
});

it('a PERSON reading references of others gets FORBIDDEN for those alone, in the same batch', async () => {
  const [mine, theirs] = await personsWithRelations(2);
  const r = await h.gql(
    ENTITIES,
    { representations: [mine, theirs].map((id) => ({ __typename: 'Person', id })) },
    { subject: 'person-app', role: 'PERSON', personId: mine },
  );
  const entities = (r.data as { _entities: Array<{ id: string } | null> })._entities;
  expect(entities[0]?.id).toBe(mine);
  expect(entities[1]).toBeNull();
  expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(r.errors?.[0]?.path).toEqual(['_entities', 1]);
});
