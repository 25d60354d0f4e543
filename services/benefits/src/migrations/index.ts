import { PolicyParameter1763900004000 } from './1763900004000-policy-parameter';

export const migrations = [PolicyParameter1763900004000];
