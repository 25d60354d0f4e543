export * from './service';
export * from './definition';
export * from './runtime';
export * from './subgraph';
export * from './access';
