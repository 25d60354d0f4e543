export * from './topics';
export * from './envelope';
export * from './contracts';
export * from './json-schema';
export * from './docs';
