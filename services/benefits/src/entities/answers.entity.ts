import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ParameterVersion, Step } from '../domain';

/**
 * When benefits start for a relation (B1, B6, B7), as answered and published in `waiting-period-assigned`. Rows are
 * only ever inserted (a trigger refuses updates and deletes): a later payment or a new parameter version adds a
 * new answer for the relation, the latest one counts, and the earlier answers stay as they were given.
 */
@Entity({ name: 'benefit_start' })
@Index('benefit_start_person', ['personId'])
@Unique('benefit_start_id', ['id'])
export class BenefitStartEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  @Column({ name: 'assigned_on', type: 'date' })
  assignedOn: string;

  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'text' })
  scheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ name: 'waiting_starts_on', type: 'date' })
  waitingStartsOn: string;

  @Column({ name: 'covered_from', type: 'date' })
  coveredFrom: string;

  @Column({ type: 'boolean' })
  lapsed: boolean;

  @Column({ name: 'gap_months', type: 'integer' })
  gapMonths: number;

  @Column({ name: 'continuous_months', type: 'integer' })
  continuousMonths: number;

  @Column({ name: 'lapse_years', type: 'integer', array: true })
  lapseYears: number[];

  @Column({ name: 'fixed_months', type: 'integer' })
  fixedMonths: number;

  @Column({ name: 'variable_months', type: 'integer' })
  variableMonths: number;

  @Column({ name: 'repaired_months', type: 'integer' })
  repairedMonths: number;

  @Column({ name: 'floor_applied', type: 'boolean' })
  floorApplied: boolean;

  @Column({ name: 'waiting_months', type: 'integer' })
  waitingMonths: number;

  @Column({ type: 'text', nullable: true })
  exemption: string | null;

  @Column({ type: 'jsonb' })
  steps: Step[];

  @Column({ type: 'jsonb' })
  parameters: ParameterVersion[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The benefit status last published for a person (benefit-status-changed is sent when it changes). */
@Entity({ name: 'benefit_status' })
export class BenefitStatusEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  status: 'COVERED' | 'WAITING' | 'SUSPENDED' | 'NOT_INSURED';

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ type: 'text' })
  rule: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
