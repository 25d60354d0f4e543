import { CONSENT_PROMISE_ZH } from '../domain';
import type { PersonEntity } from '../entities';
import type { EnrollmentContext } from '../context';
import { signConsentArgs, signConsentDomain } from './consents.inputs';
import { parseArgs } from './edge';
import { mapErrors } from './errors';
import type { Resolvers } from './types';

/** 知情同意书 (E16): the template's promise text, signing, and a person's consents. */
export const consentResolvers: Resolvers = {
  Query: {
    consentPromiseText: () => CONSENT_PROMISE_ZH,
  },
  Mutation: {
    signConsent: (_: unknown, args: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.consents.sign(parseArgs(signConsentArgs, args, signConsentDomain).input, ctx.identity)),
  },
  Person: {
    consents: (p: PersonEntity, _: unknown, ctx: EnrollmentContext) =>
      mapErrors(() => ctx.app.consents.ofPerson(p.id, ctx.identity)),
  },
};
