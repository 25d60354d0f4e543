import type { AppContext } from '@yibao/shared';
import type { TransferApp } from './app';

export type TransferContext = AppContext<TransferApp>;
