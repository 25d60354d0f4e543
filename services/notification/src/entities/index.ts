import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';

export { MessageEntity, RecipientEntity };
export const entities = [MessageEntity, RecipientEntity];
