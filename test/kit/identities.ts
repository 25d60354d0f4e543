import { INTERNAL_IDENTITY_HEADER, signAccessToken, signInternalIdentity, type Identity } from '@yibao/shared';
import { INTERNAL_AUTH_SECRET, JWT_SECRET } from './env';

/** One identity per role, as the tests call the gateway (token) or a subgraph (signed internal identity). */
export const CITY_STAFF: Identity = { subject: 'clerk-city', role: 'CITY_STAFF' };
export const DISTRICT_STAFF: Identity = { subject: 'clerk-nankai', role: 'DISTRICT_STAFF', district: '120104' };
/**
 * The national platform (and the tax authority's feed), granted the inbound operations and the reads they need; an
 * integrator's token names every root operation it may call (`@access(… scope: GRANTED)`).
 */
export const INTEGRATOR: Identity = {
  subject: 'national-platform',
  role: 'INTEGRATOR',
  grants: [
    'person',
    'personByIdNumber',
    'relation',
    'recordRegistrationNotice',
    'recordContribution',
    'recordRefund',
    'applySuspension',
    'registerRelation',
    'terminateRelation',
    'workingDayDeadline',
    'policyParameters',
    'transfer',
    'applyForTransfer',
    'receivePlatformInfoSheet',
    'verifyInfoSheetSeal',
  ],
};
export const SYSTEM: Identity = { subject: 'batch', role: 'SYSTEM' };

export function personIdentity(personId: string): Identity {
  return { subject: `person-${personId.slice(0, 8)}`, role: 'PERSON', personId };
}

export function employerIdentity(employerCode: string): Identity {
  return { subject: `hr-${employerCode.slice(-6)}`, role: 'EMPLOYER', employerCode };
}

/** A client's access token for the gateway. */
export function accessToken(identity: Identity): Promise<string> {
  return signAccessToken(identity, JWT_SECRET);
}

/** The Authorization header a client sends to the gateway. */
export async function bearer(identity: Identity): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await accessToken(identity)}` };
}

/** The signed identity header the gateway sends to a subgraph. */
export async function internalIdentity(identity: Identity): Promise<Record<string, string>> {
  return { [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(identity, INTERNAL_AUTH_SECRET) };
}
