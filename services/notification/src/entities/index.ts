import { DeadlineAlertEntity } from './deadline-alert.entity';
import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';
import { SmsDeliveryEntity } from './sms-delivery.entity';

export { DeadlineAlertEntity, MessageEntity, RecipientEntity, SmsDeliveryEntity };
export type { MessageChannel, MessageStatus } from './message.entity';
export type { SmsDeliveryStatus } from './sms-delivery.entity';
export const entities = [MessageEntity, RecipientEntity, SmsDeliveryEntity, DeadlineAlertEntity];
