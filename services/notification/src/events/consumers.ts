import {
  IdempotentConsumer,
  type BatchEventHandlers,
  type CloudEvent,
  type EventHandlers,
  type ServiceRuntime,
} from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { NotificationApp, Reachable } from '../app';
import { CONSUMED_EVENTS, planMessages, type TemplateEvent } from '../domain';
import { DeadlineAlertEntity, type MessageEntity } from '../entities';

type Apply = (events: CloudEvent[], m: EntityManager) => Promise<void>;

/**
 * notification.messages: every enrollment, transfer and benefits topic, through the inbox (once per event, attempts
 * kept across restarts, dead-letter after the last). Each event becomes the messages its rules ask for (planMessages)
 * in the inbox row's transaction; SMS are only queued here, and sent by the sender outside it.
 *
 * A fetched run of events of one topic is stored at once (a batch handler: a year-end batch brings tens of thousands
 * of relation-suspended, and benefits' benefit-status-changed after them), in a few statements for the whole run; one
 * event alone is the same code with a run of one. person-registered also keeps the persons' recipients and releases
 * the SMS held for them (rememberRecipients) before its messages; a run with a person twice goes one at a time.
 */
export function notificationConsumers(runtime: ServiceRuntime, app: NotificationApp): IdempotentConsumer[] {
  const handlers: Record<string, (event: CloudEvent, m: EntityManager) => Promise<void>> = {};
  const batchHandlers: Record<string, Apply> = {};
  for (const name of CONSUMED_EVENTS) {
    const apply: Apply = async (events, m) => {
      const saved = await app.delivery.deliverMany(
        m,
        events.map((event) => ({ cause: event, planned: planMessages(name as TemplateEvent, event.data as never) })),
      );
      if (name === 'transfer-deadline-alert') await recordAlerts(m, events, saved);
    };
    if (name === 'person-registered') {
      // also routes the SMS held for these persons (another topic: Kafka orders nothing across topics)
      const register: Apply = async (events, m) => {
        const people = events.map((e) => e.data as Reachable);
        if (new Set(people.map((p) => p.personId)).size < people.length) {
          // a person twice in the run: one event at a time, so each sees what the one before it left
          for (const e of events) await register([e], m);
          return;
        }
        await app.delivery.rememberRecipients(m, people);
        await apply(events, m);
      };
      batchHandlers[name] = register;
      handlers[name] = (event, m) => register([event], m);
      continue;
    }
    batchHandlers[name] = apply;
    handlers[name] = (event, m) => apply([event], m);
  }
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'notification.messages',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: handlers as EventHandlers,
      batchHandlers: batchHandlers as BatchEventHandlers,
    }),
  ];
}

/** N4: each alert's facts beside its staff message, for the staff view by district and level. */
async function recordAlerts(m: EntityManager, events: CloudEvent[], saved: MessageEntity[][]): Promise<void> {
  const rows = events.flatMap((event, i) => {
    const messageId = saved[i]?.[0]?.id;
    if (!messageId) return [];
    const d = event.data as {
      transferId: string;
      personId: string;
      handlingDistrict: string;
      level: 'DUE_SOON' | 'OVERDUE';
      status: string;
      dueOn: string;
      workingDaysLeft: number;
    };
    return [
      {
        messageId,
        transferId: d.transferId,
        personId: d.personId,
        handlingDistrict: d.handlingDistrict,
        level: d.level,
        transferStatus: d.status,
        dueOn: d.dueOn,
        workingDaysLeft: d.workingDaysLeft,
      },
    ];
  });
  if (rows.length > 0) await m.insert(DeadlineAlertEntity, rows);
}
