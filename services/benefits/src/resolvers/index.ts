import { DateScalar, DateTimeScalar } from '@yibao/shared';
import type { Resolvers } from '../generated/graphql';
import { infoSheetArgs, parseArgs, personArgs, quoteArgs, setParameterArgs } from './edge';
import { mapErrors } from './errors';

/** Arguments are named as given (`on`, `input.effectiveFrom`): the application names its fields in full. */
const AS_GIVEN = { prefix: '' };

/**
 * Thin: shape checks at the edge (ids, texts), then the application; dates are range-checked and persons checked
 * against the reader there. Every error goes through the benefits error table.
 */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    policyParameters: (_, args, ctx) =>
      mapErrors(() => ctx.app.parameters.inForce(ctx.app.queries.date('on', args.on)), AS_GIVEN),
    policyParameterChanges: (_, args, ctx) => mapErrors(() => ctx.app.parameters.changes(args.name ?? null), AS_GIVEN),
    retirementDate: (_, args, ctx) =>
      mapErrors(() => ctx.app.queries.retirementDateOf(args.birthDate, args.group, ctx.identity), AS_GIVEN),
    waitingPeriodQuote: (_, args, ctx) =>
      mapErrors(() => ctx.app.queries.quote(parseArgs(quoteArgs, args).input, ctx.identity), AS_GIVEN),
  },
  Mutation: {
    setBenefitParameter: (_, args, ctx) =>
      mapErrors(() => ctx.app.parameters.set(parseArgs(setParameterArgs, args).input, ctx.identity), AS_GIVEN),
    recordInfoSheet: (_, args, ctx) =>
      mapErrors(() => ctx.app.infoSheets.record(parseArgs(infoSheetArgs, args).input, ctx.identity), AS_GIVEN),
  },
  Person: {
    __resolveReference: (ref) => ({ id: parseArgs(personArgs, { id: ref.id }).id }),
    coverageLedger: (p, args, ctx) =>
      mapErrors(() => ctx.app.queries.ledger(p.id, args.until ?? null, ctx.identity, ctx.loaders), AS_GIVEN),
    contributionYears: (p, args, ctx) =>
      mapErrors(() => ctx.app.queries.contributionYears(p.id, args.asOf ?? null, ctx.identity, ctx.loaders), AS_GIVEN),
    continuity: (p, args, ctx) =>
      mapErrors(() => ctx.app.queries.continuity(p.id, args.on ?? null, ctx.identity, ctx.loaders), AS_GIVEN),
    benefitStatus: (p, args, ctx) =>
      mapErrors(() => ctx.app.queries.status(p.id, args.on ?? null, ctx.identity, ctx.loaders), AS_GIVEN),
    waitingPeriods: (p, _, ctx) => mapErrors(() => ctx.app.queries.waitingPeriods(p.id, ctx.identity, ctx.loaders)),
    retirement: (p, args, ctx) =>
      mapErrors(
        () => ctx.app.queries.retirement(p.id, args.group ?? null, args.asOf ?? null, ctx.identity, ctx.loaders),
        AS_GIVEN,
      ),
    incentive: (p, args, ctx) =>
      mapErrors(
        () =>
          ctx.app.queries.incentive(
            p.id,
            args.forYear ?? null,
            args.originalCeilingYuan ?? null,
            ctx.identity,
            ctx.loaders,
          ),
        AS_GIVEN,
      ),
    personalAccount: (p, args, ctx) =>
      mapErrors(() => ctx.app.queries.account(p.id, args.on ?? null, ctx.identity, ctx.loaders), AS_GIVEN),
  },
  ContributionYears: { explanation: (c) => c.steps },
  BenefitStart: { explanation: (b) => b.steps },
  RetirementDate: { explanation: (d) => d.steps },
  Retirement: { explanation: (r) => r.steps },
  Incentive: { explanation: (i) => i.steps },
  BenefitStatusOnDate: { rule: (s) => String(s.rule) },
  PolicyParameterChange: { changedAt: (c) => c.changedAt },
};
