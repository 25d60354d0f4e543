import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Attempts a consumer has started on an event not yet applied (see ConsumerAttempts). Table defined by the shared
 * migrations; this class lets operators and tests read it.
 */
@Entity({ name: 'consumer_attempt' })
export class ConsumerAttempt {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  /** Where the message was last delivered: what an operator looks up in Kafka. */
  @Column({ name: 'kafka_partition', type: 'int' })
  kafkaPartition: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset: string;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'first_attempt_at', type: 'timestamptz', default: () => 'now()' })
  firstAttemptAt: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', default: () => 'now()' })
  lastAttemptAt: Date;
}
