export * from './inbox.entity';
export * from './consumer-attempt.entity';
export * from './attempts';
export * from './consumer';
