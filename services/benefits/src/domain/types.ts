import type { IsoDate } from '@yibao/shared';

export type { IsoDate };

/** A text in Chinese and English: clerks read the first, integrators and logs the second. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The B rules of DOMAIN.md, and the E rules benefits reflects (E3 covered suspension month, E13, E14). */
export type RuleId = 'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'B6' | 'B7' | 'B8' | 'E3' | 'E13' | 'E14' | 'INCENTIVE';

/** One step of an answer's explanation: the rule it applies and what it found, in both languages. */
export interface Step extends Bilingual {
  rule: RuleId;
}

export type Scheme = 'EMPLOYEE' | 'RESIDENT';
export type RelationStatus = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
export type BenefitStatus = 'COVERED' | 'WAITING' | 'SUSPENDED' | 'NOT_INSURED';

/** What happened to a relation, in the order the enrollment events said so. */
export interface RelationChange {
  kind: 'SUSPENDED' | 'RESUMED' | 'TERMINATED';
  effectiveDate: IsoDate;
  /** E3: the last covered day of a suspended employee relation (the month end); null otherwise. */
  coveredUntil: IsoDate | null;
  /** The rule or application behind the change (E1…E15, APPLICATION, RESUMPTION, TERMINATION). */
  cause: string;
}

/** A relation as the enrollment events describe it (relation-registered, then -suspended, -resumed, -terminated). */
export interface RelationFacts {
  relationId: string;
  scheme: Scheme;
  employeeCategory: 'EMPLOYER_STAFF' | 'FLEXIBLE' | null;
  residentCategory: 'SCHOOL' | 'VILLAGE' | 'WELFARE_INSTITUTION' | 'HOUSEHOLD' | 'NEWBORN' | null;
  retired: boolean;
  regionCode: string;
  periodYear: number;
  startDate: IsoDate;
  /** The end the relation was registered with (a back-payment's closed period); null while open. */
  endDate: IsoDate | null;
  status: RelationStatus;
  /** The date the registration was made (China date of `registeredAt`). */
  registeredOn: IsoDate;
  changes: RelationChange[];
}

/** A period of an information sheet (信息表) received with a transfer: what another region reports. */
export interface InfoSheetPeriod {
  transferId: string;
  scheme: Scheme;
  regionCode: string;
  from: IsoDate;
  to: IsoDate;
}

/** A contribution fact (contribution-recorded, contribution-refunded). */
export interface ContributionFacts {
  contributionId: string;
  scheme: Scheme;
  year: number;
  kind: 'NORMAL' | 'PREPAYMENT' | 'BACK_PAYMENT';
  amountFen: number;
  paidOn: IsoDate;
  refundedOn: IsoDate | null;
}

/** Everything benefits knows about one person, built from the consumed events. */
export interface PersonFacts {
  personId: string;
  gender: 'MALE' | 'FEMALE' | null;
  birthDate: IsoDate | null;
  /** E14: registered with a birth certificate as a newborn. */
  relations: RelationFacts[];
  infoSheets: InfoSheetPeriod[];
  contributions: ContributionFacts[];
}

/** Tianjin's pooling regions: the city (120000) and its districts (1201xx). */
export function isTianjin(regionCode: string): boolean {
  return regionCode.startsWith('12');
}
