export * from './scalars';
export * from './today';
