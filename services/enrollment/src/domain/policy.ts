import type { EnrollmentPolicy } from './types';

/** The names of the policy parameters the city centre keeps (versioned, in the enrollment database). */
export const PolicyParameterName = { E11_EQUAL_RANK_OVERRIDES: 'E11_EQUAL_RANK_OVERRIDES' } as const;
export type PolicyParameterName = (typeof PolicyParameterName)[keyof typeof PolicyParameterName];

/**
 * The parameters as the migration seeds them: E11's equal rank overrides, as DOMAIN.md says ("higher or equal"). The
 * text (七.1, 七.2) only says 由高向低; the city centre may switch it (setPolicyParameter).
 */
export const DEFAULT_ENROLLMENT_POLICY: EnrollmentPolicy = {
  e11EqualRankOverrides: {
    value: true,
    effectiveFrom: '2025-07-31',
    source: 'DOMAIN.md E11（同层级覆盖）；通知（七）只规定由高向低',
  },
};
