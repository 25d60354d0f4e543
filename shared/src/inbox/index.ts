export * from './inbox.entity';
export * from './consumer';
