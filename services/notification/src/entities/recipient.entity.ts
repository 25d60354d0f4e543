import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Who can be reached how: kept from person-registered events (the notification service owns no person data). */
@Entity({ name: 'recipient' })
export class RecipientEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
