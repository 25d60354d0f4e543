import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type IdType =
  | 'RESIDENT_ID'
  | 'BIRTH_CERTIFICATE'
  | 'PASSPORT'
  | 'HK_MACAO_PERMIT'
  | 'TAIWAN_PERMIT'
  | 'FOREIGNER_PERMANENT_RESIDENCE';
export type Gender = 'MALE' | 'FEMALE';

/** 参保人: an insured person. Gender and birth date are derived from the resident ID when there is one. */
@Entity({ name: 'person' })
@Index('person_name', ['name'])
@Check('person_gender_check', `gender IN ('MALE', 'FEMALE')`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'id_type', type: 'text' })
  idType: IdType;

  @Column({ name: 'id_number', type: 'text', unique: true })
  idNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  gender: Gender | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @Column({ name: 'household_region', type: 'char', length: 6, nullable: true })
  householdRegion: string | null;

  @Column({ name: 'residence_region', type: 'char', length: 6, nullable: true })
  residenceRegion: string | null;

  @Column({ name: 'school_region', type: 'char', length: 6, nullable: true })
  schoolRegion: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
