import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 参保单位: an employer, identified by its unified social credit code (统一社会信用代码). */
@Entity({ name: 'employer' })
export class EmployerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'credit_code', type: 'text', unique: true })
  creditCode: string;

  @Column({ type: 'text' })
  name: string;

  /** The district (1201xx) whose branch handles the employer. */
  @Column({ type: 'char', length: 6 })
  district: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
