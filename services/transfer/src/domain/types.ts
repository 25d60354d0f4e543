/**
 * Types of the transfer domain (转移接续), named after the glossary of DOMAIN.md. Plain data only: the application
 * layer maps its entities and its projection of the enrollment events to these and back. Dates are ISO `YYYY-MM-DD`
 * strings (China time), money is integer fen, contribution periods are kept in months.
 */
import type { Bilingual } from '@yibao/shared';

export type { Bilingual };
export type IsoDate = string;
/** 6-digit administrative code of a pooling region (统筹地区); Tianjin is 120000 or 1201xx. */
export type RegionCode = string;

/** T3: Tianjin as the destination (INBOUND, 转入) or as the source (OUTBOUND, 转出). */
export const Direction = { INBOUND: 'INBOUND', OUTBOUND: 'OUTBOUND' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** 邮寄信函模式 / 一网通办模式. */
export const Mode = { POSTAL: 'POSTAL', ONLINE: 'ONLINE' } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

export const Scheme = { EMPLOYEE: 'EMPLOYEE', RESIDENT: 'RESIDENT' } as const;
export type Scheme = (typeof Scheme)[keyof typeof Scheme];

/** T2: 制度内 (employee → employee, resident → resident) or 跨制度 (employee ↔ resident). */
export const TransferKind = { WITHIN_SCHEME: 'WITHIN_SCHEME', ACROSS_SCHEMES: 'ACROSS_SCHEMES' } as const;
export type TransferKind = (typeof TransferKind)[keyof typeof TransferKind];

/** The statuses of the event contract `transfer-status-changed` (shared/src/events/contracts/transfer.ts). */
export const TransferStatus = {
  ACCEPTED: 'ACCEPTED',
  CONTACT_LETTER_SENT: 'CONTACT_LETTER_SENT',
  CONTACT_LETTER_RECEIVED: 'CONTACT_LETTER_RECEIVED',
  INFO_SHEET_RECEIVED: 'INFO_SHEET_RECEIVED',
  TRANSFERRED_IN: 'TRANSFERRED_IN',
  TRANSFERRED_OUT: 'TRANSFERRED_OUT',
  INFO_SHEET_SENT: 'INFO_SHEET_SENT',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus];

export const RelationStatus = { ACTIVE: 'ACTIVE', SUSPENDED: 'SUSPENDED', TERMINATED: 'TERMINATED' } as const;
export type RelationStatus = (typeof RelationStatus)[keyof typeof RelationStatus];

/**
 * T4: where an application or a step comes from — 现场 (counter), 医保信息平台 (national platform), 网厅 (web hall),
 * 津医保APP; and POST for a paper letter or information sheet that another region's agency posted to us.
 */
export const TransferChannel = {
  AGENCY_COUNTER: 'AGENCY_COUNTER',
  NATIONAL_PLATFORM: 'NATIONAL_PLATFORM',
  WEB_HALL: 'WEB_HALL',
  JIN_YIBAO_APP: 'JIN_YIBAO_APP',
  POST: 'POST',
} as const;
export type TransferChannel = (typeof TransferChannel)[keyof typeof TransferChannel];

/** The channels through which a person or an employer applies (T4, 第八条（一）); POST is the other agency's. */
export const APPLICATION_CHANNELS: readonly TransferChannel[] = [
  'AGENCY_COUNTER',
  'NATIONAL_PLATFORM',
  'WEB_HALL',
  'JIN_YIBAO_APP',
];

export type RuleId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10' | 'T11' | 'T12' | 'T13';

/** T4: the employer for employer staff, the person for flexible employment and residents. */
export type Applicant = { kind: 'PERSON'; personId: string } | { kind: 'EMPLOYER'; unitCode: string };

/** The person as the transfer service knows them, from `person-registered` (its local projection). */
export interface PersonFacts {
  personId: string;
  name: string;
  idType: string;
  idNumber: string;
  mobile: string | null;
}

/** One insurance relation as the projection of the enrollment events holds it (any region, any status). */
export interface RelationFacts {
  relationId: string;
  personId: string;
  scheme: Scheme;
  employeeCategory: 'EMPLOYER_STAFF' | 'FLEXIBLE' | null;
  residentCategory: string | null;
  retired: boolean;
  regionCode: RegionCode;
  unitCode: string | null;
  unitName: string | null;
  periodYear: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: RelationStatus;
}

/**
 * What the other region's agency (by its contact letter) or the national platform (一站式联办) attests about the
 * person's relation there, for the part of the T5 check that Tianjin's records cannot show: the source's
 * termination / suspension (INBOUND) or the enrolment at the destination (OUTBOUND).
 */
export interface OtherRegionAttestation {
  status: RelationStatus;
  /** The insurance year of the relation there (T2: a resident enrolment at the destination must be next year's). */
  periodYear: number | null;
}

/** 转移接续申请: what the person, the employer, the other agency or the national platform asks for. */
export interface TransferApplication {
  personId: string;
  direction: Direction;
  mode: Mode;
  fromScheme: Scheme;
  toScheme: Scheme;
  sourceRegion: RegionCode;
  destinationRegion: RegionCode;
  applicant: Applicant;
  channel: TransferChannel;
  /** T13: 退役军人 — handled under the military rules, not here. */
  veteran: boolean;
  otherRegion: OtherRegionAttestation | null;
}

/** One reason of a refusal, with the next step (一次性告知: every reason at once). */
export interface Problem {
  rule: RuleId;
  reason: Bilingual;
  nextStep: Bilingual;
}

/** A refusal that lists every problem; `rule` is the single problem's rule, or T5 (the pre-check) for several. */
export interface RuleRefusal {
  rule: RuleId;
  reason: Bilingual;
  nextStep: Bilingual;
  problems: Problem[];
}

/** A command or parameter that the edge validation should have rejected; a programming error, not a refusal. */
export class DomainInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainInputError';
  }
}
