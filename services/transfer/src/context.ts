import type { RequestContext } from '@yibao/shared';
import type { TransferApp } from './app';

export interface TransferContext extends RequestContext {
  app: TransferApp;
}
