import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import type { Identity } from '../auth';
import { enforceAccessRules, targetOf, unruledFields } from './access';
import { KIT_SDL_PATH } from './definition';

const sdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Person @key(fields: "id")
  @access(roles: [CITY_STAFF])
  @access(roles: [PERSON], scope: OWN_PERSON)
  @access(roles: [INTEGRATOR], scope: GRANTED) {
  id: ID!
  name: String!
  secret: String @access(roles: [CITY_STAFF])
}
type Query {
  person(id: ID!): Person
    @access(roles: [CITY_STAFF])
    @access(roles: [PERSON], scope: OWN_PERSON)
    @access(roles: [INTEGRATOR], scope: GRANTED)
  open: String @access(roles: [CITY_STAFF, DISTRICT_STAFF, PERSON, EMPLOYER, INTEGRATOR, SYSTEM])
  forgotten: String
}
${readFileSync(KIT_SDL_PATH, 'utf8')}`;

const person = { id: 'p1', name: '张三', secret: 's' };
const schema = enforceAccessRules(
  buildSubgraphSchema([
    {
      typeDefs: parse(sdl),
      resolvers: {
        Query: { person: () => person, open: () => 'yes', forgotten: () => 'leaked' },
        Person: { __resolveReference: () => person },
      } as never,
    },
  ]),
);

async function run(source: string, identity: Identity) {
  const r = await graphql({ schema, source, contextValue: { identity } });
  return { data: r.data, codes: (r.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions.code}`) };
}

const CITY: Identity = { subject: 'c', role: 'CITY_STAFF' };
const PERSON: Identity = { subject: 'p', role: 'PERSON', personId: '11111111-1111-4111-8111-111111111111' };

describe('@access: the kit wraps every field resolver with its rules', () => {
  it('a root field without a rule is refused by default, and reported', async () => {
    expect(await run('{ forgotten }', CITY)).toEqual({ data: { forgotten: null }, codes: ['forgotten:FORBIDDEN'] });
    expect(unruledFields(schema)).toEqual(['Query.forgotten']);
  });

  it('a listed role passes; another is FORBIDDEN', async () => {
    expect((await run('{ person(id: "p1") { id name } }', CITY)).codes).toEqual([]);
    expect(await run('{ person(id: "p1") { id } }', { subject: 'e', role: 'EMPLOYER', employerCode: 'x' })).toEqual({
      data: { person: null },
      codes: ['person:FORBIDDEN'],
    });
  });

  it('entity fields inherit the type rule unless they declare one', async () => {
    const r = await run('{ person(id: "p1") { name secret } }', PERSON);
    expect(r.data).toEqual({ person: { name: '张三', secret: null } });
    expect(r.codes).toEqual(['person.secret:FORBIDDEN']);
  });

  it('a scope needs its claim in the token: OWN_PERSON a person id', async () => {
    expect((await run('{ person(id: "p1") { id } }', { subject: 'p', role: 'PERSON' })).codes).toEqual([
      'person:FORBIDDEN',
    ]);
  });

  it('GRANTED: an integrator calls only the operations named in its grants', async () => {
    const integrator: Identity = { subject: 'np', role: 'INTEGRATOR' };
    expect((await run('{ person(id: "p1") { id } }', integrator)).codes).toEqual(['person:FORBIDDEN']);
    expect((await run('{ person(id: "p1") { id } }', { ...integrator, grants: ['person'] })).codes).toEqual([]);
  });

  it('_entities: the entity type rule is checked before the reference is resolved', async () => {
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }';
    const r = { __typename: 'Person', id: 'p1' };
    const as = async (identity: Identity) =>
      graphql({ schema, source: q, variableValues: { r: [r] }, contextValue: { identity } });
    expect((await as({ subject: 'd', role: 'DISTRICT_STAFF', district: '120104' })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await as(CITY)).data).toEqual({ _entities: [{ name: '张三' }] });
  });

  it('no identity in the context is UNAUTHENTICATED', async () => {
    const r = await graphql({ schema, source: '{ open }', contextValue: {} });
    expect(r.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('targetOf: what a mutation changed, for the audit log', () => {
  it('the id it returned, else the id it was given, never an ID number', () => {
    expect(targetOf({}, { id: 'p1' })).toBe('p1');
    expect(targetOf({}, { relation: { id: 'r1' }, suspended: [] })).toBe('r1');
    expect(targetOf({ id: 'x1' }, null)).toBe('x1');
    expect(targetOf({ input: { personId: 'p2', idNumber: '120104198507150011' } }, undefined)).toBe('p2');
    expect(targetOf({ input: { idNumber: '120104198507150011' } }, undefined)).toBeNull();
  });
});
