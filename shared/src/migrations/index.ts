import { OutboxInbox1763900000000 } from './1763900000000-outbox-inbox';
import { OutboxKeyOrder1763900000100 } from './1763900000100-outbox-key-order';

/** The shared tables (outbox, inbox) every service carries; each service runs these before its own migrations. */
export const SHARED_MIGRATIONS = [OutboxInbox1763900000000, OutboxKeyOrder1763900000100];

export { OutboxInbox1763900000000, OutboxKeyOrder1763900000100 };
