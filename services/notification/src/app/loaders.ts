import type { Identity } from '@yibao/shared';
import DataLoader from 'dataloader';
import type { MessageEntity } from '../entities';
import { assertMayReadMessagesOf } from './access';
import type { MessageService } from './message.service';

/**
 * The reads of one request, batched: a federated query for N persons costs one SQL query per field, not one per
 * person. Each key is checked as the single reads check it; a refused key fails only its own field.
 */
export interface NotificationLoaders {
  messagesOf: DataLoader<string, MessageEntity[]>;
  unreadCountOf: DataLoader<string, number>;
}

function refusal(reader: Identity, personId: string): Error | null {
  try {
    assertMayReadMessagesOf(reader, personId);
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** Loads only the keys the reader may read; the others answer with their refusal. */
function checked<V>(reader: Identity, load: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const refused = keys.map((k) => refusal(reader, k));
    const allowed = keys.filter((_, i) => refused[i] === null);
    const values = allowed.length ? await load(allowed) : [];
    const byKey = new Map(allowed.map((k, i) => [k, values[i]!]));
    return keys.map((k, i) => refused[i] ?? byKey.get(k)!);
  });
}

export function createNotificationLoaders(messages: MessageService, reader: Identity): NotificationLoaders {
  return {
    messagesOf: checked(reader, (ids) => messages.reachedOf(ids)),
    unreadCountOf: checked(reader, (ids) => messages.unreadCounts(ids)),
  };
}
