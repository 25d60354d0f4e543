import { PolicyParameter1763900004000 } from './1763900004000-policy-parameter';
import { BenefitFacts1763900004100 } from './1763900004100-benefit-facts';
import { PolicyParameterSources1763900004200 } from './1763900004200-policy-parameter-sources';

export const migrations = [
  PolicyParameter1763900004000,
  BenefitFacts1763900004100,
  PolicyParameterSources1763900004200,
];
