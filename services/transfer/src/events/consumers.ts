import { IdempotentConsumer, type ServiceRuntime } from '@yibao/shared';
import type { TransferApp } from '../app';

/**
 * transfer.projection: keeps the local projection of persons and relations from the enrollment events, once per event
 * (inbox), so the T5 pre-check needs no call to enrollment.
 */
export function transferConsumers(runtime: ServiceRuntime, app: TransferApp): IdempotentConsumer[] {
  const p = app.projection;
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'transfer.projection',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: {
        'person-registered': (event, m) => p.person(m, event),
        'person-updated': (event, m) => p.personUpdated(m, event),
        'relation-registered': (event, m) => p.relationEvents(m, [event]),
        'relation-suspended': (event, m) => p.relationEvents(m, [event]),
        'relation-resumed': (event, m) => p.relationEvents(m, [event]),
        'relation-terminated': (event, m) => p.relationEvents(m, [event]),
      },
      // a fetched run of one relation topic in one upsert
      batchHandlers: {
        'relation-registered': (events, m) => p.relationEvents(m, events),
        'relation-suspended': (events, m) => p.relationEvents(m, events),
        'relation-resumed': (events, m) => p.relationEvents(m, events),
        'relation-terminated': (events, m) => p.relationEvents(m, events),
      },
    }),
  ];
}
