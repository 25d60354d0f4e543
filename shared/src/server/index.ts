export * from './service';
export * from './definition';
