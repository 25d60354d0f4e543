import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has applied. Inserted in the same transaction as the effect: a redelivery finds it and stops. */
@Entity({ name: 'inbox' })
export class InboxMessage {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
