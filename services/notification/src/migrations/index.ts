import { Message1763900002000 } from './1763900002000-message';

export const migrations = [Message1763900002000];
