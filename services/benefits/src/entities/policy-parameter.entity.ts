import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A policy parameter (WAITING-PERIODS.md): one versioned value with the date it takes effect and its source, so the
 * benefits team changes it without a release and the system can answer "what rule applied on that date".
 */
@Entity({ name: 'policy_parameter' })
@Unique('policy_parameter_version', ['name', 'effectiveFrom'])
export class PolicyParameterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  value: number;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  description: string;
}
