import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type {
  Applicant,
  ContactLetter,
  Direction,
  InfoSheet,
  Mode,
  OtherRegionAttestation,
  Scheme,
  StepId,
  TransferChannel,
  TransferKind,
  TransferStatus,
} from '../domain';

/** T3 and the two modes, as the SDL and the event contracts list them (checked by test/enums.spec.ts). */
export type TransferDirection = Direction;
export type TransferMode = Mode;

/** The electronic seal of an online information sheet: an Ed25519 signature over its canonical form (T9). */
export interface InfoSheetSeal {
  algorithm: 'Ed25519';
  keyId: string;
  /** base64 of the signature over `sealedContent(transferId, sheet)`. */
  signature: string;
  /** sha256 (hex) of the signed bytes, for the printed sheet. */
  contentSha256: string;
  signedAt: string;
}

/** The contact letter the other region's agency sent us (OUTBOUND, postal), as the clerk recorded it. */
export interface ReceivedContactLetter {
  letterNo: string;
  issuedOn: string;
  issuingAgency: string;
  receivedOn: string;
}

/** 转移接续: one transfer of a person's relation between pooling regions (T1–T13). */
@Entity({ name: 'transfer' })
@Index('transfer_person', ['personId'])
@Index('transfer_one_open', ['personId', 'direction'], {
  unique: true,
  where: `status NOT IN ('COMPLETED', 'CANCELLED')`,
})
@Index('transfer_external_id', ['externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('transfer_due', ['handlingDistrict', 'dueOn'], { where: 'due_on IS NOT NULL' })
@Check('transfer_direction_check', `direction IN ('OUTBOUND', 'INBOUND')`)
@Check('transfer_mode_check', `mode IN ('POSTAL', 'ONLINE')`)
@Check('transfer_from_scheme_check', `from_scheme IN ('EMPLOYEE', 'RESIDENT')`)
@Check('transfer_to_scheme_check', `to_scheme IN ('EMPLOYEE', 'RESIDENT')`)
@Check('transfer_kind_check', `kind IN ('WITHIN_SCHEME', 'ACROSS_SCHEMES')`)
@Check(
  'transfer_channel_check',
  `channel IN ('AGENCY_COUNTER', 'NATIONAL_PLATFORM', 'WEB_HALL', 'JIN_YIBAO_APP', 'POST')`,
)
@Check('transfer_handling_district_check', `handling_district ~ '^1201[0-9]{2}$'`)
@Check('transfer_account_moved_fen_check', `account_moved_fen >= 0`)
@Check(
  'transfer_status_known',
  `status IN ('ACCEPTED', 'CONTACT_LETTER_SENT', 'CONTACT_LETTER_RECEIVED', 'INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'TRANSFERRED_OUT', 'INFO_SHEET_SENT', 'COMPLETED', 'CANCELLED')`,
)
@Check('transfer_regions_differ', `source_region <> destination_region`)
export class TransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  direction: Direction;

  @Column({ type: 'text' })
  mode: Mode;

  @Column({ type: 'text' })
  status: TransferStatus;

  @Column({ name: 'source_region', type: 'char', length: 6 })
  sourceRegion: string;

  @Column({ name: 'destination_region', type: 'char', length: 6 })
  destinationRegion: string;

  /** INBOUND: accepted after the pre-check; OUTBOUND: the contact letter received, or the online approval. */
  @Column({ name: 'accepted_on', type: 'date' })
  acceptedOn: string;

  @Column({ name: 'from_scheme', type: 'text' })
  fromScheme: Scheme;

  @Column({ name: 'to_scheme', type: 'text' })
  toScheme: Scheme;

  @Column({ type: 'text' })
  kind: TransferKind;

  @Column({ type: 'jsonb' })
  applicant: Applicant;

  @Column({ type: 'text' })
  channel: TransferChannel;

  @Column({ name: 'handling_district', type: 'char', length: 6 })
  handlingDistrict: string;

  /** The Tianjin relation joined (INBOUND) or left (OUTBOUND), from the projection; kept usable meanwhile (T11). */
  @Column({ name: 'tianjin_relation_id', type: 'uuid', nullable: true })
  tianjinRelationId: string | null;

  @Column({ name: 'other_region', type: 'jsonb', nullable: true })
  otherRegion: OtherRegionAttestation | null;

  @Column({ name: 'received_contact_letter', type: 'jsonb', nullable: true })
  receivedContactLetter: ReceivedContactLetter | null;

  @Column({ name: 'contact_letter', type: 'jsonb', nullable: true })
  contactLetter: ContactLetter | null;

  @Column({ name: 'info_sheet', type: 'jsonb', nullable: true })
  infoSheet: InfoSheet | null;

  @Column({ name: 'info_sheet_received_on', type: 'date', nullable: true })
  infoSheetReceivedOn: string | null;

  @Column({ name: 'info_sheet_seal', type: 'jsonb', nullable: true })
  infoSheetSeal: InfoSheetSeal | null;

  /** Postal tracking number of the letter or sheet posted, or the platform's upload receipt. */
  @Column({ name: 'dispatch_reference', type: 'text', nullable: true })
  dispatchReference: string | null;

  @Column({
    name: 'account_moved_fen',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  accountMovedFen: number | null;

  /** The open step and its due date (T10), kept with every change so staff queries are one indexed read. */
  @Column({ name: 'open_step', type: 'text', nullable: true })
  openStep: StepId | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  /** The national platform's id of the application, for idempotent redelivery. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
