import { Transfer1763900003000 } from './1763900003000-transfer';
import { TransferWorkflow1763900003100 } from './1763900003100-transfer-workflow';

export const migrations = [Transfer1763900003000, TransferWorkflow1763900003100];
