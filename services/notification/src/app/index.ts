import type { ServiceRuntime } from '@yibao/shared';
import { MessageService } from './message.service';

export interface NotificationApp {
  messages: MessageService;
}

export function createNotificationApp(runtime: ServiceRuntime): NotificationApp {
  return { messages: new MessageService(runtime) };
}
