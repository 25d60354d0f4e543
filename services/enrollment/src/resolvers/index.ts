import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, DateTimeScalar } from '@yibao/shared';
import type { PersonEntity } from '../entities';
import type { EnrollmentContext } from '../context';
import { registerPersonInput } from './inputs';
import { mapErrors, parseInput } from './errors';

export const resolvers: GraphQLResolverMap<EnrollmentContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    person: (_: unknown, args: { id: string }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byId(args.id, ctx.identity)),
    personByIdNumber: (_: unknown, args: { idNumber: string }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byIdNumber(args.idNumber.trim().toUpperCase(), ctx.identity)),
  },
  Mutation: {
    registerPerson: (_: unknown, args: { input: unknown }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.register(parseInput(registerPersonInput, args.input), ctx.identity)),
  },
  Person: {
    __resolveReference: (ref: { id: string }, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.persons.byId(ref.id, ctx.identity)),
    registeredAt: (p: PersonEntity) => p.createdAt,
  },
} as GraphQLResolverMap<EnrollmentContext>;
