import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ContributionKind, EmployeeCategory, Scheme } from '../domain';

/** 缴费 / 预缴 / 补缴 facts the rules need; `refunded_on` is the tax authority's refund (退费). Money in fen. */
@Entity({ name: 'contribution' })
@Index('contribution_person', ['personId'])
export class ContributionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: Scheme;

  @Column({ name: 'employee_category', type: 'text', nullable: true })
  employeeCategory: EmployeeCategory | null;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  kind: ContributionKind;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountFen: number;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ name: 'refunded_on', type: 'date', nullable: true })
  refundedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
