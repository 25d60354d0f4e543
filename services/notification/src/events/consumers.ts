import { IdempotentConsumer, type ServiceRuntime } from '@yibao/shared';
import type { NotificationApp } from '../app';
import {
  personRegisteredMessage,
  relationRegisteredMessages,
  relationResumedMessage,
  relationSuspendedMessages,
  relationTerminatedMessage,
} from '../domain/messages';

/** notification.messages: turns other services' events into messages, once per event (inbox). */
export function notificationConsumers(runtime: ServiceRuntime, app: NotificationApp): IdempotentConsumer[] {
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'notification.messages',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: {
        'person-registered': async (event, m) => {
          // also releases the SMS held for this person, or marks them undeliverable when there is no mobile
          await app.messages.rememberRecipient(m, event.data.personId, event.data.name, event.data.mobile);
          await app.messages.deliver(m, event.data.personId, [personRegisteredMessage(event.data)], event);
        },
        'relation-registered': async (event, m) => {
          await app.messages.deliver(m, event.data.relation.personId, relationRegisteredMessages(event.data), event);
        },
        'relation-suspended': async (event, m) => {
          // its N3 SMS is held when the person-registered has not arrived yet (another topic: no order across them)
          await app.messages.deliver(m, event.data.relation.personId, relationSuspendedMessages(event.data), event);
        },
        'relation-resumed': async (event, m) => {
          await app.messages.deliver(m, event.data.relation.personId, [relationResumedMessage(event.data)], event);
        },
        'relation-terminated': async (event, m) => {
          await app.messages.deliver(m, event.data.relation.personId, [relationTerminatedMessage(event.data)], event);
        },
      },
    }),
  ];
}
