import { CONSENT_PROMISE_ZH } from '../domain';
import { completeConsentArgs, signConsentArgs, signConsentDomain } from './consents.inputs';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import { holderOf, idNumberFor, phoneFor } from './personal-data';
import type { Resolvers } from './types';

/** 知情同意书 (E16): the template's promise text, signing, and a person's consents. */
export const consentResolvers: Resolvers = {
  Query: {
    consentPromiseText: () => CONSENT_PROMISE_ZH,
  },
  Mutation: {
    signConsent: (_, args, ctx) =>
      mapErrors(() => ctx.app.consents.sign(parseArgs(signConsentArgs, args, signConsentDomain).input, ctx.identity)),
    completeConsent: (_, args, ctx) =>
      mapErrors(() => ctx.app.consents.complete(parseArgs(completeConsentArgs, args).input, ctx.identity)),
  },

  Person: {
    consents: (p, _, ctx) => mapErrors(() => ctx.loaders.consentsOf.load(p.id)),
  },
  Consent: {
    idNumber: async (c, _, ctx, info) => (await idNumberFor(ctx, info, holderOf(ctx, c.personId), c.idNumber)) ?? '',
    phone: async (c, _, ctx, info) => (await phoneFor(ctx, info, holderOf(ctx, c.personId), c.phone)) ?? '',
  },
};
