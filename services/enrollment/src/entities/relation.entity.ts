import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { PersonEntity } from './person.entity';
import type { EmployeeCategory, RelationStatus, ResidentCategory, RuleId, Scheme, SchoolLevel } from '../domain';

/** E17's coverage expression, as the migration generates the column (TypeORM compares it with typeorm_metadata). */
const COVERAGE = `daterange(start_date, COALESCE(end_date, CASE WHEN scheme = 'RESIDENT' THEN make_date(period_year, 12, 31) ELSE 'infinity'::date END), '[]')`;

/**
 * 参保关系: one person, one scheme, one region, one period. Status changes are kept in relation_history, never
 * overwritten. E17 is enforced by an exclusion constraint (see the migration).
 */
@Entity({ name: 'insurance_relation' })
@Index('relation_person', ['personId'])
@Index('relation_active_batch', ['residentCategory', 'periodYear'], { where: `status = 'ACTIVE'` })
@Index('relation_unit', ['unitCode'], { where: 'unit_code IS NOT NULL' })
@Check('insurance_relation_scheme_check', `scheme IN ('EMPLOYEE', 'RESIDENT')`)
@Check('insurance_relation_employee_category_check', `employee_category IN ('EMPLOYER_STAFF', 'FLEXIBLE')`)
@Check(
  'insurance_relation_resident_category_check',
  `resident_category IN ('SCHOOL', 'VILLAGE', 'WELFARE_INSTITUTION', 'HOUSEHOLD', 'NEWBORN')`,
)
@Check(
  'insurance_relation_school_level_check',
  `school_level IN ('UNIVERSITY', 'HIGHER_VOCATIONAL', 'SECONDARY', 'JUNIOR_HIGH', 'PRIMARY', 'NURSERY')`,
)
@Check('insurance_relation_status_check', `status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')`)
@Check(
  'relation_scheme_category',
  `(scheme = 'EMPLOYEE' AND employee_category IS NOT NULL AND resident_category IS NULL AND school_level IS NULL)
   OR (scheme = 'RESIDENT' AND resident_category IS NOT NULL AND employee_category IS NULL AND NOT retired
       AND ((resident_category = 'SCHOOL') = (school_level IS NOT NULL)))`,
)
@Check('relation_dates', `end_date IS NULL OR end_date >= start_date`)
@Exclusion(
  'relation_e17_insured_once',
  `USING gist (person_id WITH =, coverage WITH &&) WHERE (status = 'ACTIVE' AND NOT back_payment)`,
)
export class RelationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ForeignKey(() => PersonEntity, { name: 'insurance_relation_person_id_fkey' })
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

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * E17's coverage, computed by the database (never written, not read): start to end date, or for an open relation
   * to the end of its year (resident) or without end (employee). The exclusion constraint compares it.
   */
  @Column({
    type: 'daterange',
    generatedType: 'STORED',
    asExpression: COVERAGE,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  coverage?: string;
}
