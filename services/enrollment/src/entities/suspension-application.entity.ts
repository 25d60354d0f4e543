import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RelationEntity } from './relation.entity';
import { PersonEntity } from './person.entity';

/** 暂停参保申报 (E15): who applied, through which channel, and what came of it. */
@Entity({ name: 'suspension_application' })
@Index('suspension_application_person', ['personId', 'createdAt'])
@Check('suspension_application_applicant_kind_check', `applicant_kind IN ('PERSON', 'EMPLOYER')`)
@Check('suspension_application_outcome_check', `outcome IN ('ACCEPTED', 'REFUSED')`)
export class SuspensionApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => PersonEntity, { name: 'suspension_application_person_id_fkey' })
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ForeignKey(() => RelationEntity, { name: 'suspension_application_relation_id_fkey' })
  @Column({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  /** PERSON or EMPLOYER */
  @Column({ name: 'applicant_kind', type: 'text' })
  applicantKind: 'PERSON' | 'EMPLOYER';

  /** the person id or the employer's credit code */
  @Column({ name: 'applicant_ref', type: 'text' })
  applicantRef: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  outcome: 'ACCEPTED' | 'REFUSED';

  @Column({ name: 'refusal_rule', type: 'text', nullable: true })
  refusalRule: string | null;

  @Column({ name: 'refusal_reason_zh', type: 'text', nullable: true })
  refusalReasonZh: string | null;

  @Column({ name: 'refusal_reason_en', type: 'text', nullable: true })
  refusalReasonEn: string | null;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
