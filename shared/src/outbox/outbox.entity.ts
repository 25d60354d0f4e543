import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event waiting to be (or already) published. Written in the same transaction as the state change.
 * Table and indexes are defined by the shared migrations; the decorators describe them, so that TypeORM's schema
 * builder agrees with the database (each service's schema test).
 */
@Entity({ name: 'outbox' })
@Index('outbox_unsent', ['nextAttemptAt', 'seq'], { where: 'sent_at IS NULL' })
@Index('outbox_unsent_key', ['topic', 'messageKey', 'seq'], { where: 'sent_at IS NULL' })
@Index('outbox_unsent_seq', ['seq'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ type: 'jsonb' })
  envelope: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
