import { Message1763900002000 } from './1763900002000-message';
import { MessageDelivery1763900002100 } from './1763900002100-message-delivery';

export const migrations = [Message1763900002000, MessageDelivery1763900002100];
