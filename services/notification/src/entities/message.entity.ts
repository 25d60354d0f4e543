import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type MessageChannel = 'SMS' | 'IN_APP' | 'STAFF';
/** SENT when stored (in-app, staff) or handed on (SMS); an SMS is HELD while the person is unknown (see smsDelivery). */
export type MessageStatus = 'SENT' | 'HELD' | 'UNDELIVERABLE';

/** A message to a person (SMS or in-app, N1–N3) or to staff (N4). One per causing event and channel. */
@Entity({ name: 'message' })
@Index('message_person', ['personId', 'createdAt'])
@Index('message_held', ['personId'], { where: `status = 'HELD'` })
@Check('message_channel_check', `channel IN ('SMS', 'IN_APP', 'STAFF')`)
@Check('message_status_check', `status IN ('SENT', 'HELD', 'UNDELIVERABLE')`)
@Unique('message_caused_by_event_id_channel_rule_key', ['causedByEventId', 'channel', 'rule'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'text' })
  channel: MessageChannel;

  /** The N rule this message fulfils. */
  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'caused_by_event_id', type: 'uuid' })
  causedByEventId: string;

  @Column({ name: 'caused_by_event_type', type: 'text' })
  causedByEventType: string;

  @Column({ type: 'text' })
  status: MessageStatus;

  /** The number an SMS went to (null for other channels, and for an SMS not sent). */
  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Null while HELD or when UNDELIVERABLE; later than createdAt for an SMS released when its person arrived. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
