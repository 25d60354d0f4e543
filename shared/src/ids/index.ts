export type { Reason, ValidationResult } from './result';
export * from './region';
export * from './resident-id';
export * from './credit-code';
export * from './mobile';
