import { TransferEntity } from './transfer.entity';

export { TransferEntity };
export const entities = [TransferEntity];
