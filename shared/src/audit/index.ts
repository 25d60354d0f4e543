export * from './audit.entity';
export * from './recorder';
export * from './personal-data';
export * from './masking';
