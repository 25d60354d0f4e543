import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type BatchJobKind = 'GRADUATION' | 'YEAR_END' | 'NEWBORN_MONTH_END';
export type BatchJobStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

/** A run of a batch job (E12–E14): one per kind and run date; resumable from `cursor`, with progress done/total. */
@Entity({ name: 'batch_job' })
@Unique('batch_job_run', ['kind', 'runDate'])
@Check('batch_job_kind_check', `kind IN ('GRADUATION', 'YEAR_END', 'NEWBORN_MONTH_END')`)
@Check('batch_job_status_check', `status IN ('RUNNING', 'COMPLETED', 'FAILED')`)
export class BatchJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: BatchJobKind;

  @Column({ name: 'run_date', type: 'date' })
  runDate: string;

  @Column({ type: 'text' })
  status: BatchJobStatus;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  suspended: number;

  /** Persons the run could not process; each is in batch_job_failure with the error, and the run went on. */
  @Column({ type: 'int', default: 0 })
  failed: number;

  /** The last person id processed: a resumed run starts after it. */
  @Column({ type: 'uuid', nullable: true })
  cursor: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
