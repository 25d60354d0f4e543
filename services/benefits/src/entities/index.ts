import { PolicyParameterEntity } from './policy-parameter.entity';

export { PolicyParameterEntity };
export const entities = [PolicyParameterEntity];
