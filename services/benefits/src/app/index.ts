import type { ServiceRuntime } from '@yibao/shared';
import type { PolicyParameterEntity } from '../entities';

export class PolicyParameters {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** The version of every parameter in force on `on`: per name, the latest effective_from not after `on`. */
  async inForce(on: string): Promise<PolicyParameterEntity[]> {
    return this.runtime.dataSource.query(
      `SELECT DISTINCT ON (name) id, name, value::float8 AS value, unit, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
              source, description
         FROM policy_parameter WHERE effective_from <= $1::date
        ORDER BY name, effective_from DESC`,
      [on],
    );
  }
}

export interface BenefitsApp {
  parameters: PolicyParameters;
}

export function createBenefitsApp(runtime: ServiceRuntime): BenefitsApp {
  return { parameters: new PolicyParameters(runtime) };
}
