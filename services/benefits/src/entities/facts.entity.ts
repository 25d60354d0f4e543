import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * What benefits keeps from the events it consumes: enough to rebuild a person's coverage ledger (B3, B4), their
 * continuity (B2, B6), their waiting periods (B7) and their personal account (B8) on any date.
 */

/** From person-registered / person-updated: what the B5 and B7 rules need about the person. */
@Entity({ name: 'person_fact' })
export class PersonFactEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text', nullable: true })
  gender: 'MALE' | 'FEMALE' | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'id_type', type: 'text', nullable: true })
  idType: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** From relation-registered: the relation as registered (its later changes are in relation_change). */
@Entity({ name: 'relation_fact' })
@Index('relation_fact_person', ['personId'])
export class RelationFactEntity {
  @PrimaryColumn({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'employee_category', type: 'text', nullable: true })
  employeeCategory: 'EMPLOYER_STAFF' | 'FLEXIBLE' | null;

  @Column({ name: 'resident_category', type: 'text', nullable: true })
  residentCategory: 'SCHOOL' | 'VILLAGE' | 'WELFARE_INSTITUTION' | 'HOUSEHOLD' | 'NEWBORN' | null;

  @Column({ type: 'boolean' })
  retired: boolean;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'period_year', type: 'integer' })
  periodYear: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text' })
  status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn: string;

  @Column({ name: 'in_centralised_period', type: 'boolean' })
  inCentralisedPeriod: boolean;
}

/** From relation-suspended / -resumed / -terminated, in the order they were applied. */
@Entity({ name: 'relation_change' })
@Index('relation_change_person', ['personId'])
@Unique('relation_change_event', ['eventId'])
export class RelationChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ name: 'relation_id', type: 'uuid' })
  relationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  kind: 'SUSPENDED' | 'RESUMED' | 'TERMINATED';

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ name: 'covered_until', type: 'date', nullable: true })
  coveredUntil: string | null;

  @Column({ type: 'text' })
  cause: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;
}

const bigintNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** From contribution-recorded / contribution-refunded: payment dates (B6, B7) and back-payments (repair, B7). */
@Entity({ name: 'contribution_fact' })
@Index('contribution_fact_person', ['personId'])
export class ContributionFactEntity {
  @PrimaryColumn({ name: 'contribution_id', type: 'uuid' })
  contributionId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  kind: 'NORMAL' | 'PREPAYMENT' | 'BACK_PAYMENT';

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintNumber })
  amountFen: number;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ name: 'refunded_on', type: 'date', nullable: true })
  refundedOn: string | null;
}

/** From transfer-status-changed / account-transferred: the transfer and the last step it reached. */
@Entity({ name: 'transfer_fact' })
@Index('transfer_fact_person', ['personId'])
export class TransferFactEntity {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  direction: 'INBOUND' | 'OUTBOUND';

  @Column({ type: 'text' })
  mode: 'POSTAL' | 'ONLINE';

  @Column({ name: 'from_scheme', type: 'text' })
  fromScheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'to_scheme', type: 'text' })
  toScheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'source_region', type: 'text' })
  sourceRegion: string;

  @Column({ name: 'destination_region', type: 'text' })
  destinationRegion: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** A period of a transfer's information sheet (信息表), as checked and entered by agency staff. */
@Entity({ name: 'info_sheet_period' })
@Index('info_sheet_period_person', ['personId'])
@Check('info_sheet_period_dates', 'to_date >= from_date')
export class InfoSheetPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: 'EMPLOYEE' | 'RESIDENT';

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** B8: one personal-account entry per transfer and direction — the database refuses a second. */
@Entity({ name: 'account_entry' })
@Index('account_entry_person', ['personId'])
@Unique('account_entry_once', ['transferId', 'direction'])
@Check('account_entry_amount', 'amount_fen >= 0')
export class AccountEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId: string;

  @Column({ type: 'text' })
  direction: 'INBOUND' | 'OUTBOUND';

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintNumber })
  amountFen: number;

  @Column({ name: 'booked_on', type: 'date' })
  bookedOn: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;
}
