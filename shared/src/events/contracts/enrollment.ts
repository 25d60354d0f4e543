import { z } from 'zod';
import { contract, fen, isoDate, isoDateTime, regionCode } from './common';

/** Events published by the enrollment service (E rules). */
export const Scheme = z.enum(['EMPLOYEE', 'RESIDENT']);
export const EmployeeCategory = z.enum(['EMPLOYER_STAFF', 'FLEXIBLE']);
export const ResidentCategory = z.enum(['SCHOOL', 'VILLAGE', 'WELFARE_INSTITUTION', 'HOUSEHOLD', 'NEWBORN']);
export const SchoolLevel = z.enum([
  'UNIVERSITY',
  'HIGHER_VOCATIONAL',
  'SECONDARY',
  'JUNIOR_HIGH',
  'PRIMARY',
  'NURSERY',
]);
export const RelationStatus = z.enum(['ACTIVE', 'SUSPENDED', 'TERMINATED']);
export const IdType = z.enum([
  'RESIDENT_ID',
  'BIRTH_CERTIFICATE',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGNER_PERMANENT_RESIDENCE',
]);

/** Who did it: every step is recorded as the person's rights record (T12). */
export const actorSchema = z.object({
  subject: z.string(),
  role: z.string(),
  channel: z.string().optional(),
});

export const relationSnapshotSchema = z.object({
  relationId: z.string().uuid(),
  personId: z.string().uuid(),
  scheme: Scheme,
  employeeCategory: EmployeeCategory.nullable(),
  residentCategory: ResidentCategory.nullable(),
  schoolLevel: SchoolLevel.nullable(),
  retired: z.boolean(),
  regionCode,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  periodYear: z.number().int(),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  status: RelationStatus,
});

const personRegistered = contract({
  name: 'person-registered',
  version: 1,
  producer: 'enrollment',
  description: 'An insured person (参保人) was registered with the agency.',
  schema: z.object({
    personId: z.string().uuid(),
    idType: IdType,
    idNumber: z.string(),
    name: z.string(),
    gender: z.enum(['MALE', 'FEMALE']).nullable(),
    birthDate: isoDate.nullable(),
    mobile: z.string().nullable(),
    householdRegion: regionCode.nullable(),
    registeredAt: isoDateTime,
  }),
});

/** E13: the lapse (断保) behind a re-enrolment; benefits computes the waiting period (B7) from it. */
export const lapseFactsSchema = z.object({
  lapseYears: z.array(z.number().int()),
  lastCoveredOn: isoDate.nullable(),
  resumesOn: isoDate,
  outsideCentralisedPeriod: z.boolean(),
});

export const ruleWarningSchema = z.object({
  rule: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  lapse: lapseFactsSchema.optional(),
});

const personUpdated = contract({
  name: 'person-updated',
  version: 1,
  producer: 'enrollment',
  description: "A person's identity data changed, e.g. a newborn's resident ID number was recorded (E14).",
  schema: z.object({
    personId: z.string().uuid(),
    idType: IdType,
    idNumber: z.string(),
    gender: z.enum(['MALE', 'FEMALE']).nullable(),
    birthDate: isoDate.nullable(),
    /** The document the person was known by before the change. */
    previous: z.object({ idType: IdType, idNumber: z.string() }),
    cause: z.string(),
    actor: actorSchema,
    updatedAt: isoDateTime,
  }),
});

const relationRegistered = contract({
  name: 'relation-registered',
  version: 1,
  producer: 'enrollment',
  description:
    "A new insurance relation (参保关系) was registered; warnings carry E13's lapse facts on a re-enrolment.",
  schema: z.object({
    relation: relationSnapshotSchema,
    actor: actorSchema,
    registeredAt: isoDateTime,
    /** Additive: the rule warnings of the registration (E13 lapse). */
    warnings: z.array(ruleWarningSchema).optional(),
  }),
});

const statusChange = z.object({
  relation: relationSnapshotSchema,
  previousStatus: RelationStatus,
  /**
   * What caused the change: the rule (E1, E5, E12…; E15 for the person's or employer's own application), or
   * RESUMPTION / TERMINATION for a clerk's correction.
   */
  cause: z.string(),
  /** Additive: the channel of the application or notice (E15), and the consent that authorised it (E5, E8). */
  channel: z.string().nullable().optional(),
  consentId: z.string().uuid().nullable().optional(),
  /** Additive: the batch job that made the change (E12–E14). */
  batchJobId: z.string().uuid().nullable().optional(),
  reason: z.object({ zh: z.string(), en: z.string() }),
  effectiveDate: isoDate,
  actor: actorSchema,
  changedAt: isoDateTime,
});

const relationSuspended = contract({
  name: 'relation-suspended',
  version: 1,
  producer: 'enrollment',
  description: 'An insurance relation was suspended (暂停/中止参保), with the rule or application that caused it.',
  schema: statusChange.extend({
    /** E3: the month of suspension is still covered by employee benefits; null for other schemes. */
    coveredUntil: isoDate.nullable(),
  }),
});

const relationResumed = contract({
  name: 'relation-resumed',
  version: 1,
  producer: 'enrollment',
  description: 'A suspended insurance relation became active again (e.g. E14 newborn ID recorded).',
  schema: statusChange,
});

const relationTerminated = contract({
  name: 'relation-terminated',
  version: 1,
  producer: 'enrollment',
  description: 'An insurance relation was terminated (终止参保).',
  schema: statusChange,
});

const consentSigned = contract({
  name: 'consent-signed',
  version: 1,
  producer: 'enrollment',
  description:
    'The person signed the informed consent (知情同意书) that authorises automatic suspension (E5, E16). Sent again, ' +
    'with completedAt, when the agency fills in the units of a consent signed online without them (E16).',
  schema: z.object({
    consentId: z.string().uuid(),
    personId: z.string().uuid(),
    originalUnitCode: z.string().nullable(),
    originalUnitName: z.string().nullable(),
    newUnitCode: z.string().nullable(),
    newUnitName: z.string().nullable(),
    channel: z.enum(['ONLINE', 'COUNTER']),
    signedAt: isoDateTime,
    /** Additive: when the agency filled in the units (E16's completion step); absent or null on the signing itself. */
    completedAt: isoDateTime.nullable().optional(),
  }),
});

const contributionFacts = z.object({
  contributionId: z.string().uuid(),
  personId: z.string().uuid(),
  scheme: Scheme,
  employeeCategory: EmployeeCategory.nullable(),
  year: z.number().int(),
  kind: z.enum(['NORMAL', 'PREPAYMENT', 'BACK_PAYMENT']),
  amountFen: fen,
  paidOn: isoDate,
});

const contributionRecorded = contract({
  name: 'contribution-recorded',
  version: 1,
  producer: 'enrollment',
  description: 'A contribution (缴费, 预缴 or 补缴) was recorded; benefits uses it for continuity and waiting periods.',
  schema: contributionFacts,
});

const contributionRefunded = contract({
  name: 'contribution-refunded',
  version: 1,
  producer: 'enrollment',
  description: 'The tax authority refunded a contribution (退费); recorded so that E2/E9 refusals can lift.',
  schema: contributionFacts.extend({ refundedOn: isoDate }),
});

export const ENROLLMENT_CONTRACTS = {
  'person-registered': personRegistered,
  'person-updated': personUpdated,
  'relation-registered': relationRegistered,
  'relation-suspended': relationSuspended,
  'relation-resumed': relationResumed,
  'relation-terminated': relationTerminated,
  'consent-signed': consentSigned,
  'contribution-recorded': contributionRecorded,
  'contribution-refunded': contributionRefunded,
} as const;

export type RelationSnapshot = z.infer<typeof relationSnapshotSchema>;
