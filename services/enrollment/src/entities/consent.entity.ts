import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';
import { RelationEntity } from './relation.entity';
import type { ConsentChannel, IdType } from '../domain';

/** 知情同意书 (E16): authorises the automatic suspension of the original relation once the new one is registered. */
@Entity({ name: 'consent' })
@Index('consent_person', ['personId'])
@Check('consent_channel_check', `channel IN ('ONLINE', 'COUNTER')`)
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => PersonEntity, { name: 'consent_person_id_fkey' })
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  phone: string;

  @Column({ name: 'id_type', type: 'text' })
  idType: IdType;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ name: 'original_unit_name', type: 'text', nullable: true })
  originalUnitName: string | null;

  @Column({ name: 'original_unit_code', type: 'text', nullable: true })
  originalUnitCode: string | null;

  @Column({ name: 'new_unit_name', type: 'text', nullable: true })
  newUnitName: string | null;

  @Column({ name: 'new_unit_code', type: 'text', nullable: true })
  newUnitCode: string | null;

  @Column({ name: 'promise_text', type: 'text' })
  promiseText: string;

  @Column({ type: 'text' })
  signature: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'text' })
  channel: ConsentChannel;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** E16: when the agency filled in the units of an online consent, and who. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;

  /** E16: the relation whose suspension the consent authorised; a consent authorises one suspension only. */
  @ForeignKey(() => RelationEntity, { name: 'consent_used_for_relation_id_fkey' })
  @Column({ name: 'used_for_relation_id', type: 'uuid', nullable: true })
  usedForRelationId: string | null;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
