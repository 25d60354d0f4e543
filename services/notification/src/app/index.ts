import type { Identity, ServiceRuntime } from '@yibao/shared';
import { createNotificationLoaders, type NotificationLoaders } from './loaders';
import { MessageService } from './message.service';

export interface NotificationApp {
  messages: MessageService;
  /** Fresh batch loaders for one request and its reader. */
  loaders(reader: Identity): NotificationLoaders;
}

export function createNotificationApp(runtime: ServiceRuntime): NotificationApp {
  return {
    messages: new MessageService(runtime),
    loaders: (reader) => createNotificationLoaders(runtime.dataSource, reader),
  };
}

export { NotificationError, NotificationErrorCode } from './errors';
export type { NotificationLoaders } from './loaders';
