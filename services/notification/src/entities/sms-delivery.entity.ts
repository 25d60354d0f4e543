import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MessageEntity } from './message.entity';

export type SmsDeliveryStatus = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * One SMS in the sender's queue (outbox-like): written in the consumer's transaction with its message, then worked
 * by the sender loop outside it (`FOR UPDATE SKIP LOCKED`), so a slow gateway never holds up Kafka consumption.
 * `not_before` is when it may go next: the end of quiet hours, the backoff after a failed try, or the end of the
 * lease while SENDING (a sender that died mid-send leaves the row to another after it).
 */
@Entity({ name: 'sms_delivery' })
@Index('sms_delivery_due', ['notBefore'], { where: `status IN ('QUEUED', 'SENDING')` })
@Check('sms_delivery_status_check', `status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')`)
export class SmsDeliveryEntity {
  @ForeignKey(() => MessageEntity, { name: 'sms_delivery_message_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  /** The 11-digit mainland mobile number (checked with parseMobile before it was queued). */
  @Column({ type: 'text' })
  mobile: string;

  /** The text without its signature. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'boolean' })
  urgent: boolean;

  @Column({ type: 'text' })
  status: SmsDeliveryStatus;

  /** Tries made since it was queued (or retried by staff). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  provider: string | null;

  @Column({ name: 'provider_ref', type: 'text', nullable: true })
  providerRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
