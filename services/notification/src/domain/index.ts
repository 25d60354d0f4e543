/**
 * The notification domain: the N rules as plain functions and data, without I/O. The application layer plans an
 * event's messages (`planMessages`), renders each from its template (`renderTemplate`), routes an SMS (`routeSms`),
 * and times its sending (`sendableAt`, `afterFailure`).
 */
export * from './templates';
export * from './render';
export * from './plan';
export * from './delivery';
export * from './quiet-hours';
export * from './retry';
