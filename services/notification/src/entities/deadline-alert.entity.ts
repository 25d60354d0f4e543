import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MessageEntity } from './message.entity';

/** The facts of a transfer-deadline-alert (T10, N4) beside its staff message, for the staff view. */
@Entity({ name: 'deadline_alert' })
@Index('deadline_alert_district', ['handlingDistrict', 'dueOn'])
@Check('deadline_alert_level_check', `level IN ('DUE_SOON', 'OVERDUE')`)
export class DeadlineAlertEntity {
  @ForeignKey(() => MessageEntity, { name: 'deadline_alert_message_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** The region code of the branch that handles the transfer (1201xx; 120000 for the city centre). */
  @Column({ name: 'handling_district', type: 'text' })
  handlingDistrict: string;

  @Column({ type: 'text' })
  level: 'DUE_SOON' | 'OVERDUE';

  /** The transfer's status whose step is due. */
  @Column({ name: 'transfer_status', type: 'text' })
  transferStatus: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'working_days_left', type: 'int' })
  workingDaysLeft: number;
}
