import { Transfer1763900003000 } from './1763900003000-transfer';

export const migrations = [Transfer1763900003000];
