import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TransferEntity } from './transfer.entity';

/**
 * T12: the person's rights record — every step of every transfer (who, when, what, through which channel). Append-only:
 * a trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'transfer_step' })
@Index('transfer_step_transfer', ['transferId', 'seq'])
@Index('transfer_step_person', ['personId', 'at'])
export class TransferStepEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @ForeignKey(() => TransferEntity, { name: 'transfer_step_transfer_id_fkey' })
  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** What was done: APPLY, ISSUE_CONTACT_LETTER, … (the step action). */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  @Column({ type: 'text' })
  rule: string;

  @Column({ name: 'reason_zh', type: 'text' })
  reasonZh: string;

  @Column({ name: 'reason_en', type: 'text' })
  reasonEn: string;

  /** The working day the step counts for (China date). */
  @Column({ name: 'on_date', type: 'date' })
  onDate: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  channel: string;

  /** The step's due date after the change (T10), when Tianjin owes the next step. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
