/**
 * Types of the enrollment domain (参保关系衔接), named after the glossary of DOMAIN.md.
 * Plain data only: the application layer maps its entities to these snapshots and back.
 * Dates are ISO `YYYY-MM-DD` strings (China time), money is integer fen.
 */

export type IsoDate = string;
/** 6-digit administrative code of a pooling region (统筹地区); Tianjin is 120000 or 1201xx. */
export type RegionCode = string;

export const Scheme = { EMPLOYEE: 'EMPLOYEE', RESIDENT: 'RESIDENT' } as const;
export type Scheme = (typeof Scheme)[keyof typeof Scheme];

export const EmployeeCategory = { EMPLOYER_STAFF: 'EMPLOYER_STAFF', FLEXIBLE: 'FLEXIBLE' } as const;
export type EmployeeCategory = (typeof EmployeeCategory)[keyof typeof EmployeeCategory];

export const ResidentCategory = {
  SCHOOL: 'SCHOOL',
  VILLAGE: 'VILLAGE',
  WELFARE_INSTITUTION: 'WELFARE_INSTITUTION',
  HOUSEHOLD: 'HOUSEHOLD',
  NEWBORN: 'NEWBORN',
} as const;
export type ResidentCategory = (typeof ResidentCategory)[keyof typeof ResidentCategory];

/** School levels, highest first (普通高等院校 > 高等职业院校 > 中职、普高 > 初中 > 小学 > 托育机构). */
export const SchoolLevel = {
  UNIVERSITY: 'UNIVERSITY',
  HIGHER_VOCATIONAL: 'HIGHER_VOCATIONAL',
  SECONDARY: 'SECONDARY',
  JUNIOR_HIGH: 'JUNIOR_HIGH',
  PRIMARY: 'PRIMARY',
  NURSERY: 'NURSERY',
} as const;
export type SchoolLevel = (typeof SchoolLevel)[keyof typeof SchoolLevel];

export const RelationStatus = { ACTIVE: 'ACTIVE', SUSPENDED: 'SUSPENDED', TERMINATED: 'TERMINATED' } as const;
export type RelationStatus = (typeof RelationStatus)[keyof typeof RelationStatus];

/** E15: every channel through which a suspension may be applied for; the channel is recorded. */
export const SuspensionChannel = {
  NATIONAL_PLATFORM: 'NATIONAL_PLATFORM',
  JIN_YIBAO_APP: 'JIN_YIBAO_APP',
  JIN_YIBAO_MINI_PROGRAM: 'JIN_YIBAO_MINI_PROGRAM',
  JIN_XIN_BAN_APP: 'JIN_XIN_BAN_APP',
  PERSONAL_WEB_HALL: 'PERSONAL_WEB_HALL',
  EMPLOYER_WEB_HALL: 'EMPLOYER_WEB_HALL',
  AGENCY_COUNTER: 'AGENCY_COUNTER',
  STREET_SERVICE_CENTRE: 'STREET_SERVICE_CENTRE',
} as const;
export type SuspensionChannel = (typeof SuspensionChannel)[keyof typeof SuspensionChannel];

/** Same literals as the person entity and the person-registered event. */
export type IdType =
  | 'RESIDENT_ID'
  | 'BIRTH_CERTIFICATE'
  | 'PASSPORT'
  | 'HK_MACAO_PERMIT'
  | 'TAIWAN_PERMIT'
  | 'FOREIGNER_PERMANENT_RESIDENCE';

export type RuleId =
  | 'E1'
  | 'E2'
  | 'E3'
  | 'E4'
  | 'E5'
  | 'E6'
  | 'E7'
  | 'E8'
  | 'E9'
  | 'E10'
  | 'E11'
  | 'E12'
  | 'E13'
  | 'E14'
  | 'E15'
  | 'E16'
  | 'E17';

/** A message in both languages: the clerk reads Chinese, integrators and logs read English. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** 参保人. A newborn registered with a birth certificate has idType BIRTH_CERTIFICATE until the ID is recorded (E14). */
export interface Person {
  id: string;
  idType: IdType;
  idNumber: string;
  birthDate: IsoDate | null;
  householdRegion: RegionCode | null;
  residenceRegion: RegionCode | null;
  schoolRegion: RegionCode | null;
}

/**
 * 参保关系: one person, one scheme, one region, one period.
 * - RESIDENT relations cover one calendar year, `periodYear`, from `startDate`.
 * - EMPLOYEE relations run from `startDate` until suspended; `periodYear` is the insurance year they began in.
 * - `endDate` is the day the relation was suspended or terminated (or, for a back-payment, the last day paid).
 */
export interface InsuranceRelation {
  id: string;
  personId: string;
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  residentCategory: ResidentCategory | null;
  schoolLevel: SchoolLevel | null;
  retired: boolean;
  regionCode: RegionCode;
  /** Employer credit code, school / village / institution code; a virtual code for HOUSEHOLD and FLEXIBLE. */
  unitCode: string | null;
  unitName: string | null;
  periodYear: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: RelationStatus;
  /** E12: the day the school years recorded for the student run out (剩余学籍年度); SCHOOL relations only. */
  expectedGraduation?: IsoDate | null;
  /** The rule that suspended the relation, when one did (E14 resumes only its own suspensions). */
  suspensionRule?: RuleId | null;
}

export type ContributionKind = 'NORMAL' | 'PREPAYMENT' | 'BACK_PAYMENT';

/** A contribution fact (缴费 / 预缴 / 补缴); `refundedOn` is set once the tax authority's refund is recorded (退费). */
export interface Contribution {
  personId: string;
  year: number;
  kind: ContributionKind;
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  amountFen: number;
  paidOn: IsoDate;
  refundedOn: IsoDate | null;
}

export type ConsentChannel = 'ONLINE' | 'COUNTER';

/** 知情同意书 (E16). The four unit fields are filled by the agency. */
export interface Consent {
  id: string;
  personId: string;
  name: string;
  phone: string;
  idType: IdType;
  idNumber: string;
  originalUnitName: string | null;
  originalUnitCode: string | null;
  newUnitName: string | null;
  newUnitCode: string | null;
  promiseText: string;
  /** Reference to the signature: the platform's e-signature id, or the scanned signed form at a counter. */
  signature: string;
  /** ISO 8601 date-time with offset. */
  signedAt: string;
  channel: ConsentChannel;
  /** The relation whose suspension this consent authorised: a consent authorises one suspension only (E16). */
  usedForRelationId?: string | null;
}

/** 集中参保缴费期 for next year's resident scheme: a parameter, never a literal. */
export interface CentralisedPeriod {
  from: IsoDate;
  to: IsoDate;
  forYear: number;
}

/**
 * A versioned policy parameter (E11's equal rank): the value in force, from when, and on what authority. Set by the
 * city centre where the text is silent; the decisions receive the version in force on `today`.
 */
export interface PolicyValue<T> {
  value: T;
  effectiveFrom: IsoDate;
  source: string;
}

/** The policy parameters the registration decision reads. */
export interface EnrollmentPolicy {
  /** E11: a registration at a unit of the same rank suspends the current one (true) or is refused (false). */
  e11EqualRankOverrides: PolicyValue<boolean>;
}

/** Everything the domain needs to know about one person; loaded by the application layer in the transaction. */
export interface PersonSnapshot {
  person: Person;
  /** Every relation known to the system, in any scheme, region and status (the history counts for E13). */
  relations: InsuranceRelation[];
  contributions: Contribution[];
  consents: Consent[];
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions

export interface RuleRefusal {
  rule: RuleId;
  reason: Bilingual;
  nextStep: Bilingual;
}

/** Facts about a lapse (断保) handed to the benefits service, which computes the waiting period (B7). */
export interface LapseFacts {
  /** Calendar years with no relation at all, between the first year ever covered and the new relation's year. */
  lapseYears: number[];
  /** The last day any earlier relation covered; null when none did. */
  lastCoveredOn: IsoDate | null;
  /** The first day of the new relation. */
  resumesOn: IsoDate;
  /** The registration is made outside the centralised enrolment period. */
  outsideCentralisedPeriod: boolean;
}

export interface Warning {
  rule: RuleId;
  message: Bilingual;
  lapse?: LapseFacts;
}

export type Applicant = { kind: 'PERSON'; personId: string } | { kind: 'EMPLOYER'; unitCode: string };

export interface RegisterEffect {
  kind: 'REGISTER';
  relation: InsuranceRelation;
}

export interface SuspendEffect {
  kind: 'SUSPEND';
  relationId: string;
  personId: string;
  /** A region other than Tianjin: the suspension is sent to that region through the national platform. */
  regionCode: RegionCode;
  rule: RuleId;
  reason: Bilingual;
  effectiveDate: IsoDate;
  /** E3: an employee relation's benefits run to the end of the month of suspension; null for residents. */
  coveredUntil: IsoDate | null;
  channel?: SuspensionChannel;
  applicant?: Applicant;
  /** 先参后停: the consent that authorised the suspension (E5, E8). */
  consentId?: string;
}

export interface ResumeEffect {
  kind: 'RESUME';
  relationId: string;
  personId: string;
  rule: RuleId;
  reason: Bilingual;
  effectiveDate: IsoDate;
}

export interface RecordResidentIdEffect {
  kind: 'RECORD_RESIDENT_ID';
  personId: string;
  idNumber: string;
}

export type Effect = RegisterEffect | SuspendEffect | ResumeEffect | RecordResidentIdEffect;

export type Decision<E = Effect> =
  { ok: true; effects: E[]; warnings: Warning[] } | { ok: false; refusal: RuleRefusal };

/** A command or parameter that the edge validation should have rejected; a programming error, not a refusal. */
export class DomainInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainInputError';
  }
}
