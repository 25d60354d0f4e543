import { IdempotentConsumer, type CloudEvent, type EventHandlers, type ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { NotificationApp } from '../app';
import { CONSUMED_EVENTS, planMessages, type TemplateEvent } from '../domain';
import { DeadlineAlertEntity } from '../entities';

/**
 * notification.messages: every enrollment, transfer and benefits topic, through the inbox (once per event, attempts
 * kept across restarts, dead-letter after the last). Each event becomes the messages its rules ask for (planMessages)
 * in the inbox row's transaction; SMS are only queued here, and sent by the sender outside it.
 */
export function notificationConsumers(runtime: ServiceRuntime, app: NotificationApp): IdempotentConsumer[] {
  const handlers: Record<string, (event: CloudEvent, m: EntityManager) => Promise<void>> = {};
  for (const name of CONSUMED_EVENTS) {
    handlers[name] = async (event, m) => {
      const data = event.data as never;
      if (name === 'person-registered') {
        // also routes the SMS held for this person (another topic: Kafka orders nothing across topics)
        const p = event.data as { personId: string; name: string; mobile: string | null };
        await app.delivery.rememberRecipient(m, p.personId, p.name, p.mobile);
      }
      const saved = await app.delivery.deliver(m, event, planMessages(name as TemplateEvent, data));
      if (name === 'transfer-deadline-alert') await recordAlert(m, event, saved[0]?.id);
    };
  }
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'notification.messages',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: handlers as EventHandlers,
    }),
  ];
}

/** N4: the alert's facts beside its staff message, for the staff view by district and level. */
async function recordAlert(m: EntityManager, event: CloudEvent, messageId: string | undefined): Promise<void> {
  if (!messageId) return;
  const d = event.data as {
    transferId: string;
    personId: string;
    handlingDistrict: string;
    level: 'DUE_SOON' | 'OVERDUE';
    status: string;
    dueOn: string;
    workingDaysLeft: number;
  };
  await m.insert(DeadlineAlertEntity, {
    messageId,
    transferId: d.transferId,
    personId: d.personId,
    handlingDistrict: d.handlingDistrict,
    level: d.level,
    transferStatus: d.status,
    dueOn: d.dueOn,
    workingDaysLeft: d.workingDaysLeft,
  });
}
