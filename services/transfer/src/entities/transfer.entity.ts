import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TransferDirection = 'OUTBOUND' | 'INBOUND';
export type TransferMode = 'POSTAL' | 'ONLINE';

/** 转移接续: one transfer of a person's relation between pooling regions (the T rules fill it in). */
@Entity({ name: 'transfer' })
@Index('transfer_person', ['personId'])
@Check('transfer_direction_check', `direction IN ('OUTBOUND', 'INBOUND')`)
@Check('transfer_mode_check', `mode IN ('POSTAL', 'ONLINE')`)
export class TransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  direction: TransferDirection;

  @Column({ type: 'text' })
  mode: TransferMode;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'source_region', type: 'char', length: 6 })
  sourceRegion: string;

  @Column({ name: 'destination_region', type: 'char', length: 6 })
  destinationRegion: string;

  @Column({ name: 'accepted_on', type: 'date', nullable: true })
  acceptedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
