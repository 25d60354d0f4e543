/**
 * The benefits domain: the B rules of DOMAIN.md as plain functions over a person's facts, without I/O. The
 * application layer loads the facts (built from the consumed events) and the parameter versions in force on the
 * answer's date, calls a function here, and stores or returns the answer with its steps and parameter versions.
 */
export * from './types';
export * from './months';
export * from './parameters';
export * from './ledger';
export * from './contribution-years';
export * from './continuity';
export * from './waiting-period';
export * from './status';
export * from './retirement';
export * from './incentive';
export * from './account';
