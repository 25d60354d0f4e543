import { InboxMessage } from '../inbox/inbox.entity';
import { OutboxMessage } from '../outbox/outbox.entity';
import { OutboxInbox1763900000000 } from './1763900000000-outbox-inbox';
import { OutboxKeyOrder1763900000100 } from './1763900000100-outbox-key-order';

/** The shared tables (outbox, inbox) every service carries; each service runs these before its own migrations. */
export const SHARED_MIGRATIONS = [OutboxInbox1763900000000, OutboxKeyOrder1763900000100];
/** Their entities, listed with every service's own. */
export const SHARED_ENTITIES = [OutboxMessage, InboxMessage];

export { OutboxInbox1763900000000, OutboxKeyOrder1763900000100 };
