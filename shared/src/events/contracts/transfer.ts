/**
 * Events published by the transfer service (T rules): `transfer-status-changed` on every step and
 * `account-transferred` when personal-account money is credited or sent. Defined with the T rules.
 */
export const TRANSFER_CONTRACTS = {} as const;
