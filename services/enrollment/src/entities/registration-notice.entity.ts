import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

/** The national platform's notice that a person registered in another region (E5, E8), and what it led to. */
@Entity({ name: 'registration_notice' })
export class RegistrationNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The platform's own id of the notice: a redelivered notice is recognised and changes nothing. */
  @Column({ name: 'external_id', type: 'text', unique: true })
  externalId: string;

  @ForeignKey(() => PersonEntity, { name: 'registration_notice_person_id_fkey' })
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'jsonb' })
  notice: Record<string, unknown>;

  @Column({ type: 'boolean' })
  suspended: boolean;

  /** When not suspended: why (NO_CONSENT, …) and the rule. */
  @Column({ type: 'text', nullable: true })
  why: string | null;

  @Column({ type: 'text', nullable: true })
  rule: string | null;

  @Column({ name: 'insured_twice', type: 'boolean', default: false })
  insuredTwice: boolean;

  /** When not suspended: the message and the next step in both languages, as the clerk was told. */
  @Column({ type: 'jsonb', nullable: true })
  explanation: { message: { zh: string; en: string }; nextStep: { zh: string; en: string } } | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
