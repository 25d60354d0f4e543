export * from './outbox.entity';
export * from './writer';
export * from './relay';
