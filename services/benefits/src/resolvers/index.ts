import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, DateTimeScalar, serviceErrorToGraphQL } from '@yibao/shared';
import { BENEFITS_ERRORS } from '../app';
import type { BenefitsContext } from '../context';
import type { RetirementGroup } from '../domain';
import { infoSheetArgs, parseArgs, personArgs, quoteArgs, setParameterArgs } from './edge';

/** Runs a resolver body and maps a service error through the benefits error table (arguments named as given). */
async function mapErrors<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (e) {
    throw serviceErrorToGraphQL(e, BENEFITS_ERRORS, { prefix: '' });
  }
}

type Parent = { id: string };
type WithSteps = { steps: unknown[] };
const explanation = (x: WithSteps) => x.steps;

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    policyParameters: (_: unknown, args: { on?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.parameters.inForce(ctx.app.queries.date('on', args.on))),
    policyParameterChanges: (_: unknown, args: { name?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.parameters.changes(args.name ?? null)),
    retirementDate: (_: unknown, args: { birthDate: string; group: RetirementGroup }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.retirementDateOf(args.birthDate, args.group, ctx.identity)),
    waitingPeriodQuote: (_: unknown, args: unknown, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.quote(parseArgs(quoteArgs, args).input, ctx.identity)),
  },
  Mutation: {
    setPolicyParameter: (_: unknown, args: unknown, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.parameters.set(parseArgs(setParameterArgs, args).input, ctx.identity)),
    recordInfoSheet: (_: unknown, args: unknown, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.infoSheets.record(parseArgs(infoSheetArgs, args).input, ctx.identity)),
  },
  Person: {
    __resolveReference: (ref: Parent) => ({ id: parseArgs(personArgs, { id: ref.id }).id }),
    coverageLedger: (p: Parent, args: { until?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.ledger(p.id, args.until ?? null, ctx.identity, ctx.loaders)),
    contributionYears: (p: Parent, args: { asOf?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.contributionYears(p.id, args.asOf ?? null, ctx.identity, ctx.loaders)),
    continuity: (p: Parent, args: { on?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.continuity(p.id, args.on ?? null, ctx.identity, ctx.loaders)),
    benefitStatus: (p: Parent, args: { on?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.status(p.id, args.on ?? null, ctx.identity, ctx.loaders)),
    waitingPeriods: (p: Parent, _: unknown, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.waitingPeriods(p.id, ctx.identity, ctx.loaders)),
    retirement: (p: Parent, args: { group?: RetirementGroup | null; asOf?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() =>
        ctx.app.queries.retirement(p.id, args.group ?? null, args.asOf ?? null, ctx.identity, ctx.loaders),
      ),
    incentive: (
      p: Parent,
      args: { forYear?: number | null; originalCeilingYuan?: number | null },
      ctx: BenefitsContext,
    ) =>
      mapErrors(() =>
        ctx.app.queries.incentive(
          p.id,
          args.forYear ?? null,
          args.originalCeilingYuan ?? null,
          ctx.identity,
          ctx.loaders,
        ),
      ),
    personalAccount: (p: Parent, args: { on?: string | null }, ctx: BenefitsContext) =>
      mapErrors(() => ctx.app.queries.account(p.id, args.on ?? null, ctx.identity, ctx.loaders)),
  },
  ContributionYears: { explanation },
  BenefitStart: { explanation },
  RetirementDate: { explanation },
  Retirement: { explanation },
  Incentive: { explanation },
} as GraphQLResolverMap<BenefitsContext>;
