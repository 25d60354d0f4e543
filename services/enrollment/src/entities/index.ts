import { PersonEntity } from './person.entity';

export { PersonEntity };
export const entities = [PersonEntity];
