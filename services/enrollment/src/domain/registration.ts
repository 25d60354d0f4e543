import { suspendElsewhere, suspendInTianjin } from './cross-province';
import { assertIsoDate, isWithin, maxDate, startOfYear, yearOf } from './dates';
import { reasons, refusals } from './messages';
import { DEFAULT_ENROLLMENT_POLICY } from './policy';
import { isTianjin } from './regions';
import { validateRegistration } from './validation';
import { applyEffects, clashesWith, compareResidentRank, employeeFirst, lapseBefore, suspension } from './relations';
import {
  DomainInputError,
  type CentralisedPeriod,
  type Decision,
  type EmployeeCategory,
  type Effect,
  type EnrollmentPolicy,
  type InsuranceRelation,
  type IsoDate,
  type PersonSnapshot,
  type RegionCode,
  type ResidentCategory,
  type RuleRefusal,
  type Scheme,
  type SchoolLevel,
  type SuspendEffect,
  type Warning,
} from './types';

/** A registration (参保登记) in Tianjin, or — recorded through the national platform — in another region. */
export interface RegistrationCommand {
  /** Id of the new relation, chosen by the caller. */
  relationId: string;
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  residentCategory: ResidentCategory | null;
  schoolLevel: SchoolLevel | null;
  expectedGraduation?: IsoDate | null;
  retired: boolean;
  regionCode: RegionCode;
  unitCode: string | null;
  unitName: string | null;
  periodYear: number;
  startDate: IsoDate;
  endDate?: IsoDate | null;
  /** E2: a back-payment (补缴) for a closed past employee period; `endDate` is then required and before today. */
  backPayment?: boolean;
}

type Step = { ok: true; suspensions: SuspendEffect[] } | { ok: false; refusal: RuleRefusal };

const refuse = (refusal: RuleRefusal): { ok: false; refusal: RuleRefusal } => ({ ok: false, refusal });

/**
 * E1–E11, E13, E17: decides a registration for the person in `snapshot`. On success the effects register the new
 * relation and suspend, in the same transaction, every relation it replaces (即参即停 / 先参后停); the decision never
 * leaves two ACTIVE relations covering the same day from `today` on (E17).
 */
export function decideRegistration(
  snapshot: PersonSnapshot,
  command: RegistrationCommand,
  today: IsoDate,
  period: CentralisedPeriod,
  policy: EnrollmentPolicy = DEFAULT_ENROLLMENT_POLICY,
): Decision {
  assertWellFormed(command, today, period);
  const { relations } = snapshot;
  const relation: InsuranceRelation = {
    id: command.relationId,
    personId: snapshot.person.id,
    scheme: command.scheme,
    employeeCategory: command.employeeCategory,
    residentCategory: command.residentCategory,
    schoolLevel: command.schoolLevel,
    expectedGraduation: command.expectedGraduation ?? null,
    retired: command.retired,
    regionCode: command.regionCode,
    unitCode: command.unitCode,
    unitName: command.unitName,
    periodYear: command.periodYear,
    startDate: command.startDate,
    endDate: command.endDate ?? null,
    status: 'ACTIVE',
    suspensionRule: null,
  };

  // E4: a person receiving employee retiree benefits never registers a resident relation.
  if (
    relation.scheme === 'RESIDENT' &&
    relations.some((r) => r.scheme === 'EMPLOYEE' && r.retired && r.status !== 'TERMINATED')
  ) {
    return refuse(refusals.E4());
  }

  const clashing = clashesWith(relation, relations, today);
  const effectiveDate = maxDate(today, relation.startDate);
  const step = isTianjin(relation.regionCode)
    ? decideInTianjin(
        snapshot,
        relation,
        clashing,
        { today, period, policy, effectiveDate },
        command.backPayment === true,
      )
    : suspendInTianjin(snapshot, relation, clashing, effectiveDate, today);
  if (!step.ok) return refuse(step.refusal);

  const effects: Effect[] = [{ kind: 'REGISTER', relation }, ...step.suspensions];

  // E17: whatever the rules above did, the decision never leaves the person insured twice.
  const clash = clashesWith(relation, applyEffects(relations, effects), today)[0];
  if (clash) return refuse(refusals.E17(clash));

  return { ok: true, effects, warnings: lapseWarning(snapshot, relation, today, period) };
}

interface TianjinContext {
  today: IsoDate;
  period: CentralisedPeriod;
  policy: EnrollmentPolicy;
  /** max(today, new start): when the relations the registration replaces are suspended. */
  effectiveDate: IsoDate;
}

/**
 * E2: the centralised period is open (and next year has not begun) and the person has joined next year's resident
 * scheme — holds an ACTIVE Tianjin resident relation for `period.forYear` or an unrefunded resident contribution for
 * it. REFUNDED once every such contribution is refunded (退费): the employee registration then goes through and
 * suspends next year's relation with it.
 */
function nextYearResident(snapshot: PersonSnapshot, { today, period }: TianjinContext): 'NO' | 'JOINED' | 'REFUNDED' {
  const inPeriod = isWithin(today, period.from, period.to) && today < startOfYear(period.forYear);
  if (!inPeriod) return 'NO';
  const paid = snapshot.contributions.filter((c) => c.scheme === 'RESIDENT' && c.year === period.forYear);
  const unrefunded = paid.some((c) => c.refundedOn == null);
  const holds = snapshot.relations.some(
    (r) =>
      r.scheme === 'RESIDENT' && r.status === 'ACTIVE' && isTianjin(r.regionCode) && r.periodYear === period.forYear,
  );
  if (!unrefunded && !holds) return 'NO';
  return paid.length > 0 && !unrefunded ? 'REFUNDED' : 'JOINED';
}

function decideInTianjin(
  snapshot: PersonSnapshot,
  relation: InsuranceRelation,
  clashing: readonly InsuranceRelation[],
  ctx: TianjinContext,
  backPayment: boolean,
): Step {
  const { contributions } = snapshot;
  const { effectiveDate, period, policy, today } = ctx;
  const unrefunded = contributions.filter((c) => c.refundedOn == null);

  // E2: in the centralised period, joining next year's resident scheme blocks an employee registration until the
  // refund is recorded; a back-payment (不含补缴) is excepted.
  const e2 = relation.scheme === 'EMPLOYEE' && !backPayment ? nextYearResident(snapshot, ctx) : 'NO';
  if (e2 === 'JOINED') return refuse(refusals.E2(period));

  if (relation.scheme === 'EMPLOYEE') {
    // E9: this year's prepaid flexible contributions must be refunded before an employer registers the person.
    const year = yearOf(relation.startDate);
    if (
      relation.employeeCategory === 'EMPLOYER_STAFF' &&
      unrefunded.some(
        (c) =>
          c.scheme === 'EMPLOYEE' && c.employeeCategory === 'FLEXIBLE' && c.kind === 'PREPAYMENT' && c.year === year,
      )
    ) {
      return refuse(refusals.E9());
    }
  }

  const suspensions: SuspendEffect[] = [];
  // Employee relations first, so that E3 / E10 speak before E1 / E11.
  for (const r of clashing.filter((c) => isTianjin(c.regionCode)).sort(employeeFirst)) {
    if (relation.scheme === 'EMPLOYEE' && r.scheme === 'EMPLOYEE') {
      // E10: employer staff → flexible waits for the employer's suspension.
      if (relation.employeeCategory === 'FLEXIBLE' && r.employeeCategory === 'EMPLOYER_STAFF') {
        return refuse(refusals.E10(r));
      }
      // E9: flexible → employer staff suspends the flexible relation at once.
      if (relation.employeeCategory === 'EMPLOYER_STAFF' && r.employeeCategory === 'FLEXIBLE') {
        suspensions.push(suspension(r, 'E9', reasons.E9, effectiveDate));
      }
      // Same category (a second employer, a second flexible registration): left to E17.
    } else if (relation.scheme === 'EMPLOYEE') {
      // E1: the current-year resident relation is suspended in the same transaction. E2: after the refund, next
      // year's is suspended too (from its own start). Any other later one is left to E17.
      if (r.periodYear <= yearOf(effectiveDate)) suspensions.push(suspension(r, 'E1', reasons.E1, effectiveDate));
      else if (e2 === 'REFUNDED' && r.periodYear === period.forYear) {
        suspensions.push(suspension(r, 'E2', reasons.E2, effectiveDate));
      }
    } else if (r.scheme === 'EMPLOYEE') {
      // E3: no resident registration while the employee relation is ACTIVE.
      return refuse(refusals.E3(r));
    } else if (!sameUnit(r, relation)) {
      // E11: a higher-ranked unit overrides at once; a lower one is refused. An equal rank follows the city centre's
      // parameter (the text is silent). The same unit is left to E17.
      const rank = compareResidentRank(relation, r);
      if (rank < 0) return refuse(refusals.E11(r));
      if (rank > 0) suspensions.push(suspension(r, 'E11', reasons.E11, effectiveDate));
      else if (policy.e11EqualRankOverrides.value) {
        suspensions.push(suspension(r, 'E11', reasons.E11_EQUAL_RANK(policy.e11EqualRankOverrides), effectiveDate));
      } else return refuse(refusals.E11_EQUAL_RANK(r, policy.e11EqualRankOverrides));
    }
  }

  // E8: relations in other provinces.
  const elsewhere = suspendElsewhere(snapshot, relation.unitCode, clashing, effectiveDate, today);
  if (!elsewhere.ok) return elsewhere;
  return { ok: true, suspensions: [...suspensions, ...elsewhere.suspensions] };
}

const sameUnit = (a: InsuranceRelation, b: InsuranceRelation): boolean =>
  a.unitCode === b.unitCode && a.residentCategory === b.residentCategory && a.schoolLevel === b.schoolLevel;

/** E13: a resident re-enrolling after a lapse is warned of the waiting period the lapse may bring (B7). */
function lapseWarning(
  snapshot: PersonSnapshot,
  relation: InsuranceRelation,
  today: IsoDate,
  period: CentralisedPeriod,
): Warning[] {
  if (relation.scheme !== 'RESIDENT' || !isTianjin(relation.regionCode)) return [];
  const onTime = relation.periodYear === period.forYear && isWithin(today, period.from, period.to);
  const lapse = lapseBefore(snapshot.relations, relation.periodYear, relation.startDate, !onTime);
  return lapse ? [{ rule: 'E13', message: reasons.E13_WARNING, lapse }] : [];
}

/** Malformed input is a programming error here: the application validates first (validateRegistration). */
function assertWellFormed(command: RegistrationCommand, today: IsoDate, period: CentralisedPeriod): void {
  const fail = (why: string): never => {
    throw new DomainInputError(`registration ${command.relationId}: ${why}`);
  };
  [today, period.from, period.to, command.startDate].forEach(assertIsoDate);
  if (command.endDate != null) assertIsoDate(command.endDate);
  if (period.from > period.to) fail('the centralised period ends before it starts');
  const checked = validateRegistration(command, today);
  if (!checked.ok) fail(checked.problems.map((p) => `${p.field}: ${p.reason.en}`).join('; '));
  else if (checked.value.startDate !== command.startDate) fail('startDate must fall in periodYear');
}
