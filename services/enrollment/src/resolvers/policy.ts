import { z } from 'zod';
import { PolicyParameterName } from '../domain';
import { edge, label, text } from './edge';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import type { Resolvers } from './types';

const name = z.enum(PolicyParameterName);

const setPolicyParameterArgs = edge(
  z.object({
    input: z.object({ name, value: z.boolean(), effectiveFrom: z.string(), source: text(500) }),
  }),
  { 'input.source': label('依据', 'the source') },
);

const historyArgs = edge(z.object({ name }), {});

/** The city centre's policy parameters (E11's equal rank): versions with their audit record. */
export const policyResolvers: Resolvers = {
  Query: {
    policyParameterHistory: (_, args, ctx) =>
      mapErrors(() => ctx.app.policy.history(parseArgs(historyArgs, args).name, ctx.identity), { prefix: '' }),
  },
  Mutation: {
    setPolicyParameter: (_, args, ctx) =>
      mapErrors(() => ctx.app.policy.set(parseArgs(setPolicyParameterArgs, args).input, ctx.identity)),
  },
  PolicyParameterVersion: {
    value: (p) => p.value === true,
    previousValue: (p) => (p.previousValue == null ? null : p.previousValue === true),
    changedBy: (p) => ({ subject: p.changedBy, role: p.changedRole }),
  },
};
