import { AuditLogEntry } from '../audit/audit.entity';
import { ConsumerAttempt } from '../inbox/consumer-attempt.entity';
import { InboxMessage } from '../inbox/inbox.entity';
import { OutboxMessage } from '../outbox/outbox.entity';
import { OutboxInbox1763900000000 } from './1763900000000-outbox-inbox';
import { OutboxKeyOrder1763900000100 } from './1763900000100-outbox-key-order';
import { ConsumerAttempt1763900000200 } from './1763900000200-consumer-attempt';
import { AuditLog1763900000300 } from './1763900000300-audit-log';
import { OutboxUnsentSeq1763900000450 } from './1763900000450-outbox-unsent-seq';

/**
 * The shared tables (outbox, inbox, consumer_attempt, audit_log) every service carries; each runs these before its
 * own.
 */
export const SHARED_MIGRATIONS = [
  OutboxInbox1763900000000,
  OutboxKeyOrder1763900000100,
  ConsumerAttempt1763900000200,
  AuditLog1763900000300,
  OutboxUnsentSeq1763900000450,
];
/** Their entities, listed with every service's own. */
export const SHARED_ENTITIES = [OutboxMessage, InboxMessage, ConsumerAttempt, AuditLogEntry];

export {
  OutboxInbox1763900000000,
  OutboxKeyOrder1763900000100,
  ConsumerAttempt1763900000200,
  AuditLog1763900000300,
  OutboxUnsentSeq1763900000450,
};
