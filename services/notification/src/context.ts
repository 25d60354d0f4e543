import type { RequestContext } from '@yibao/shared';
import type { NotificationApp } from './app';

export interface NotificationContext extends RequestContext {
  app: NotificationApp;
}
