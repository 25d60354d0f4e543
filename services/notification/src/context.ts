import type { AppContext } from '@yibao/shared';
import type { NotificationApp, NotificationLoaders } from './app';

/** What every notification resolver receives: the caller, the app, and this request's batch loaders. */
export interface NotificationContext extends AppContext<NotificationApp> {
  loaders: NotificationLoaders;
}
