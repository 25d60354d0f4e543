import { IdempotentConsumer, type ServiceRuntime } from '@yibao/shared';
import type { NotificationApp } from '../app';
import { personRegisteredMessage } from '../domain/messages';

/** notification.messages: turns other services' events into messages, once per event (inbox). */
export function notificationConsumers(runtime: ServiceRuntime, app: NotificationApp): IdempotentConsumer[] {
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'notification.messages',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: {
        'person-registered': async (event, manager) => {
          await app.messages.deliver(manager, event.data.personId, personRegisteredMessage(event.data), event);
        },
      },
    }),
  ];
}
