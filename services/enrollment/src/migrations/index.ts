import { Person1763900001000 } from './1763900001000-person';

/** In order; the shared outbox/inbox migration runs before these. */
export const migrations = [Person1763900001000];
