export * from './scalars';
export * from './loaders';
