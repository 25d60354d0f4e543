import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TransferEntity } from './transfer.entity';

/**
 * The local projection of the enrollment events (person-registered / -updated, relation-registered / -suspended /
 * -resumed / -terminated): what the T5 pre-check reads, so a transfer is accepted while enrollment is down. Each row
 * keeps the time of the event it came from; an older event never overwrites a newer one (Kafka orders nothing
 * across topics).
 */
@Entity({ name: 'projected_person' })
export class ProjectedPersonEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'id_type', type: 'text' })
  idType: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}

@Entity({ name: 'projected_relation' })
@Index('projected_relation_person', ['personId'])
export class ProjectedRelationEntity {
  @PrimaryColumn({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'employee_category', type: 'text', nullable: true })
  employeeCategory: 'EMPLOYER_STAFF' | 'FLEXIBLE' | null;

  @Column({ name: 'resident_category', type: 'text', nullable: true })
  residentCategory: string | null;

  @Column({ type: 'boolean' })
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
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}

/** T10 / N4: one `transfer-deadline-alert` per transfer, step, level and day, whatever the number of scans. */
@Entity({ name: 'deadline_alert' })
@Check('deadline_alert_level_check', `level IN ('DUE_SOON', 'OVERDUE')`)
export class DeadlineAlertEntity {
  @ForeignKey(() => TransferEntity, { name: 'deadline_alert_transfer_id_fkey' })
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @PrimaryColumn({ type: 'text' })
  step: string;

  @PrimaryColumn({ type: 'text' })
  level: string;

  @PrimaryColumn({ name: 'alert_date', type: 'date' })
  alertDate: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;
}
