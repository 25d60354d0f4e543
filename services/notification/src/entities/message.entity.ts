import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type MessageChannel = 'SMS' | 'IN_APP' | 'STAFF';
/**
 * SENT: stored (in-app, staff) or accepted by the SMS gateway. An SMS is HELD while its person is unknown, QUEUED
 * while the sender works on it, UNDELIVERABLE when the person has no mobile number. FAILED: parked — bad input (a
 * template variable, a number that is not a mainland mobile) or the last try failed; staff may retry it.
 */
export type MessageStatus = 'HELD' | 'QUEUED' | 'SENT' | 'FAILED' | 'UNDELIVERABLE';

/** A message to a person (SMS or in-app, N1–N3) or to staff (N4). One per causing event and template. */
@Entity({ name: 'message' })
@Index('message_person', ['personId', 'seq'])
@Index('message_seq', ['seq'], { unique: true })
@Index('message_held', ['personId'], { where: `status = 'HELD'` })
@Index('message_unread', ['personId'], { where: `read_at IS NULL AND status = 'SENT'` })
@Index('message_failed', ['district', 'seq'], { where: `status IN ('FAILED', 'UNDELIVERABLE')` })
@Check('message_channel_check', `channel IN ('SMS', 'IN_APP', 'STAFF')`)
@Check('message_status_check', `status IN ('HELD', 'QUEUED', 'SENT', 'FAILED', 'UNDELIVERABLE')`)
@Unique('message_caused_by_event_template_key', ['causedByEventId', 'template'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: the stable order of pages (cursor). */
  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'text' })
  channel: MessageChannel;

  /** The N rule this message fulfils. */
  @Column({ type: 'text' })
  rule: string;

  /** The template's key (`<event>:<channel>[:<purpose>]`). */
  @Column({ type: 'text' })
  template: string;

  /** Chinese, as the person reads it (empty when the template could not be rendered: see error). */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'title_en', type: 'text', default: '' })
  titleEn: string;

  @Column({ name: 'body_en', type: 'text', default: '' })
  bodyEn: string;

  /** The template's variables (masked), kept so that staff can retry a message whose rendering failed. */
  @Column({ type: 'jsonb', nullable: true })
  variables: Record<string, unknown> | null;

  /** The Tianjin district (1201xx) whose branch sees the message in the staff views; null: the city centre only. */
  @Column({ type: 'text', nullable: true })
  district: string | null;

  /** An SMS sent during quiet hours. */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  @Column({ name: 'caused_by_event_id', type: 'uuid' })
  causedByEventId: string;

  @Column({ name: 'caused_by_event_type', type: 'text' })
  causedByEventType: string;

  @Column({ type: 'text' })
  status: MessageStatus;

  /** Why a message is FAILED or UNDELIVERABLE (English, numbers masked). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The number an SMS goes to (null for other channels, and for an SMS that cannot go). */
  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Null until SENT; later than createdAt for an SMS (queue, quiet hours, retries). */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
