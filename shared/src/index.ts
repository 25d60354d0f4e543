export * from './config';
export * from './logging';
export * from './errors';
export * from './events';
export * from './db';
export * from './kafka';
export * from './outbox';
export * from './inbox';
export * from './auth';
export * from './metrics';
export * from './server';
export * from './graphql';
export * from './ids';
export * from './calendar';
export * from './dates';
export * from './clock';

export * from './migrations';
