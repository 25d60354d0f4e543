import { maskIdNumber, maskMobile, personalData, type DataHolder } from '@yibao/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { EnrollmentContext } from '../context';
import type { PersonEntity } from '../entities';

/**
 * Whose data a value is, for the masking rule (@yibao/shared `personalData`): the person, and — read only when a
 * district branch asks — the regions that make them its own: household, residence, school and every relation's.
 */
export function holderOf(ctx: EnrollmentContext, personId: string, person?: PersonEntity | null): DataHolder {
  return {
    personId,
    regions: async () => {
      const p = person ?? (await ctx.loaders.person.load(personId));
      const relations = await ctx.loaders.relationsOf.load(personId);
      return [p?.householdRegion, p?.residenceRegion, p?.schoolRegion, ...relations.map((r) => r.regionCode)];
    },
  };
}

/** An ID number as the caller may see it (masked but for the person and staff of the right scope; audited). */
export const idNumberFor = (ctx: EnrollmentContext, info: GraphQLResolveInfo, holder: DataHolder, value: string) =>
  personalData(ctx, info, holder, value, maskIdNumber);

/** A mobile or phone number as the caller may see it. */
export const phoneFor = (
  ctx: EnrollmentContext,
  info: GraphQLResolveInfo,
  holder: DataHolder,
  value: string | null | undefined,
) => personalData(ctx, info, holder, value, maskMobile);
