import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EmployeeCategory, RelationStatus, ResidentCategory, RuleId, Scheme, SchoolLevel } from '../domain';

/**
 * 参保关系: one person, one scheme, one region, one period. Status changes are kept in relation_history, never
 * overwritten. E17 is enforced by an exclusion constraint (see the migration).
 */
@Entity({ name: 'insurance_relation' })
@Index('relation_person', ['personId'])
export class RelationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: Scheme;

  @Column({ name: 'employee_category', type: 'text', nullable: true })
  employeeCategory: EmployeeCategory | null;

  @Column({ name: 'resident_category', type: 'text', nullable: true })
  residentCategory: ResidentCategory | null;

  @Column({ name: 'school_level', type: 'text', nullable: true })
  schoolLevel: SchoolLevel | null;

  @Column({ type: 'boolean', default: false })
  retired: boolean;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode: string;

  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode: string | null;

  @Column({ name: 'unit_name', type: 'text', nullable: true })
  unitName: string | null;

  @Column({ name: 'period_year', type: 'int' })
  periodYear: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text' })
  status: RelationStatus;

  @Column({ name: 'expected_graduation', type: 'date', nullable: true })
  expectedGraduation: string | null;

  @Column({ name: 'suspension_rule', type: 'text', nullable: true })
  suspensionRule: RuleId | null;

  /** 补缴: a closed past employee period; outside E17's constraint because it covers only the past. */
  @Column({ name: 'back_payment', type: 'boolean', default: false })
  backPayment: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
