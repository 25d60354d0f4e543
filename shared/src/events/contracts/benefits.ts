import { z } from 'zod';
import { bilingual, contract, isoDate, isoDateTime } from './common';
import { Scheme } from './enrollment';

/** Events published by the benefits service (B rules). */

/** Benefit status of a person on a date. */
export const BenefitStatus = z.enum(['COVERED', 'WAITING', 'SUSPENDED', 'NOT_INSURED']);

/** A policy parameter version an answer used: its name and the date it took effect. */
const parameterVersion = z.object({ name: z.string(), effectiveFrom: isoDate });

const waitingPeriodAssigned = contract({
  name: 'waiting-period-assigned',
  version: 1,
  producer: 'benefits',
  description:
    'When benefits start for a new or renewed relation (B6, B7): at once, the day after payment, or after a waiting ' +
    'period (fixed + variable − repaired months), with the steps explained and the parameter versions used.',
  schema: z.object({
    personId: z.string().uuid(),
    relationId: z.string().uuid().nullable(),
    scheme: Scheme,
    assignedOn: isoDate,
    /** B6: lapsed (gap over 3 months, or fewer than 2 years in a row). */
    lapsed: z.boolean(),
    lapseMonths: z.number().int().nonnegative(),
    fixedMonths: z.number().int().nonnegative(),
    variableMonths: z.number().int().nonnegative(),
    repairedMonths: z.number().int().nonnegative(),
    waitingMonths: z.number().int().nonnegative(),
    /** The exemption that applied (newborn, student, …), or null. */
    exemption: z.string().nullable(),
    coveredFrom: isoDate,
    explanation: z.array(bilingual),
    parameters: z.array(parameterVersion),
  }),
});

const benefitStatusChanged = contract({
  name: 'benefit-status-changed',
  version: 1,
  producer: 'benefits',
  description:
    "A person's benefit status changed (covered, waiting, suspended, not insured), with the rule and the reason.",
  schema: z.object({
    personId: z.string().uuid(),
    status: BenefitStatus,
    previousStatus: BenefitStatus.nullable(),
    effectiveDate: isoDate,
    rule: z.string(),
    reason: bilingual,
    changedAt: isoDateTime,
  }),
});

export const BENEFITS_CONTRACTS = {
  'waiting-period-assigned': waitingPeriodAssigned,
  'benefit-status-changed': benefitStatusChanged,
} as const;
