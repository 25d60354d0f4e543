/**
 * Events published by the benefits service (B rules): `waiting-period-assigned` and `benefit-status-changed`.
 * Defined with the B rules.
 */
export const BENEFITS_CONTRACTS = {} as const;
