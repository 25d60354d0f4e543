import { DateScalar, DateTimeScalar } from '@yibao/shared';
import { GraphQLScalarType } from 'graphql';
import { consentResolvers } from './consents';
import { contributionResolvers } from './contributions';
import { employerResolvers } from './employers';
import { personResolvers } from './persons';
import { policyResolvers } from './policy';
import { relationResolvers } from './relations';
import type { Resolvers } from './types';

export type { Resolvers } from './types';

/** Merges feature resolver maps type by type; a field resolved twice is a programming error. */
export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      if (fields instanceof GraphQLScalarType) {
        merged[type] = fields;
        continue;
      }
      const target = (merged[type] ??= {}) as Record<string, unknown>;
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${type}.${field} is defined twice`);
        target[field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}

export const resolvers: Resolvers = mergeResolvers(
  { Date: DateScalar, DateTime: DateTimeScalar },
  personResolvers,
  relationResolvers,
  consentResolvers,
  contributionResolvers,
  employerResolvers,
  policyResolvers,
);
