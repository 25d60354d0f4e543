import { IdempotentConsumer, type ServiceRuntime } from '@yibao/shared';
import type { BenefitsApp } from '../app';

/**
 * benefits.ledger: builds each person's facts from enrollment's and transfer's events, once per event (inbox: the
 * inbox row commits with the effect, so a redelivery finds it and changes nothing).
 */
export function benefitsConsumers(runtime: ServiceRuntime, app: BenefitsApp): IdempotentConsumer[] {
  const ingest = app.ingest;
  return [
    new IdempotentConsumer(runtime.dataSource, {
      name: 'benefits.ledger',
      logger: runtime.logger,
      deadLetters: runtime.publisher,
      handlers: {
        'person-registered': (event, m) => ingest.personRegistered(m, event),
        'person-updated': (event, m) => ingest.personUpdated(m, event),
        'relation-registered': (event, m) => ingest.relationRegistered(m, event),
        'relation-suspended': (event, m) => ingest.relationChanged(m, 'SUSPENDED', event),
        'relation-resumed': (event, m) => ingest.relationChanged(m, 'RESUMED', event),
        'relation-terminated': (event, m) => ingest.relationChanged(m, 'TERMINATED', event),
        'contribution-recorded': (event, m) => ingest.contribution(m, event),
        'contribution-refunded': (event, m) => ingest.contribution(m, event),
        'transfer-status-changed': (event, m) => ingest.transferStatusChanged(m, event),
        'account-transferred': (event, m) => ingest.accountTransferred(m, event),
      },
      // a fetched run of one relation topic (a year-end's relation-suspended) with the statements of one event
      batchHandlers: {
        'relation-suspended': (events, m) => ingest.relationsChanged(m, 'SUSPENDED', events),
        'relation-resumed': (events, m) => ingest.relationsChanged(m, 'RESUMED', events),
        'relation-terminated': (events, m) => ingest.relationsChanged(m, 'TERMINATED', events),
      },
    }),
  ];
}
