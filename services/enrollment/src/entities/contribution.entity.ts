import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';
import type { ContributionKind, EmployeeCategory, Scheme } from '../domain';

/** 缴费 / 预缴 / 补缴 facts the rules need; `refunded_on` is the tax authority's refund (退费). Money in fen. */
@Entity({ name: 'contribution' })
@Index('contribution_person', ['personId'])
@Index('contribution_year', ['year', 'scheme'])
@Check('contribution_scheme_check', `scheme IN ('EMPLOYEE', 'RESIDENT')`)
@Check('contribution_kind_check', `kind IN ('NORMAL', 'PREPAYMENT', 'BACK_PAYMENT')`)
@Check('contribution_amount_fen_check', `amount_fen > 0`)
@Check('contribution_check', `refunded_on IS NULL OR refunded_on >= paid_on`)
export class ContributionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => PersonEntity, { name: 'contribution_person_id_fkey' })
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
