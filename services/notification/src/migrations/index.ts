import { Message1763900002000 } from './1763900002000-message';
import { MessageDelivery1763900002100 } from './1763900002100-message-delivery';
import { SmsDelivery1763900002200 } from './1763900002200-sms-delivery';

export const migrations = [Message1763900002000, MessageDelivery1763900002100, SmsDelivery1763900002200];
