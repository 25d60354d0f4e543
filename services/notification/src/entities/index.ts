import { MessageEntity } from './message.entity';

export { MessageEntity };
export const entities = [MessageEntity];
