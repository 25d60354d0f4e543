import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RelationEntity } from './relation.entity';

/** Who, when and why of every status change of a relation (T12 rights record). Rows are only ever inserted. */
@Entity({ name: 'relation_history' })
@Index('relation_history_relation', ['relationId', 'changedAt'])
export class RelationHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => RelationEntity, { name: 'relation_history_relation_id_fkey' })
  @Column({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** null for the registration itself. */
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  /** The rule (E1…; E15 for an application), or REGISTRATION, RESUMPTION, TERMINATION. */
  @Column({ type: 'text' })
  cause: string;

  @Column({ name: 'reason_zh', type: 'text' })
  reasonZh: string;

  @Column({ name: 'reason_en', type: 'text' })
  reasonEn: string;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ name: 'covered_until', type: 'date', nullable: true })
  coveredUntil: string | null;

  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @Column({ name: 'batch_job_id', type: 'uuid', nullable: true })
  batchJobId: string | null;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  changedAt: Date;
}
