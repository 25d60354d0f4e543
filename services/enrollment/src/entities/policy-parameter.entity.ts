import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PolicyParameterName } from '../domain';

/**
 * A version of one of the city centre's policy parameters (E11's equal rank): the value from `effectiveFrom`, on the
 * authority of `source`, with its audit — who changed it, when, and the value before. Rows are only ever inserted.
 */
@Entity({ name: 'policy_parameter' })
@Index('policy_parameter_name', ['name', 'effectiveFrom', 'changedAt'])
@Check('policy_parameter_name_check', `name IN ('E11_EQUAL_RANK_OVERRIDES')`)
export class PolicyParameterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: PolicyParameterName;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ name: 'previous_value', type: 'jsonb', nullable: true })
  previousValue: unknown;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy: string;

  @Column({ name: 'changed_role', type: 'text' })
  changedRole: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  changedAt: Date;
}
