import type { AppContext } from '@yibao/shared';
import type { TransferApp, TransferLoaders } from './app';

/** What every transfer resolver receives: the caller, the app, and this request's batch loaders. */
export interface TransferContext extends AppContext<TransferApp> {
  loaders: TransferLoaders;
}
