import { yearOf } from '@yibao/shared';
import { problems as P } from './messages';
import { isTianjin, sidesOf } from './regions';
import {
  DomainInputError,
  type IsoDate,
  type Problem,
  type RelationFacts,
  type Scheme,
  type TransferApplication,
  type TransferKind,
} from './types';

/** T2: within a scheme or across schemes. */
export function kindOf(fromScheme: Scheme, toScheme: Scheme): TransferKind {
  return fromScheme === toScheme ? 'WITHIN_SCHEME' : 'ACROSS_SCHEMES';
}

/** The relation that carries the Tianjin side of the transfer, when the projection holds one. */
export interface PrecheckResult {
  problems: Problem[];
  /** INBOUND: the Tianjin relation the person is enrolled in; OUTBOUND: the Tianjin relation that is left. */
  tianjinRelation: RelationFacts | null;
  /** The 1201xx district whose branch handles the transfer (第四条: 各区医保分中心负责经办). */
  handlingDistrict: string | null;
}

const latestFirst = (a: RelationFacts, b: RelationFacts) =>
  b.periodYear - a.periodYear || b.startDate.localeCompare(a.startDate);

/**
 * T5 (第十条) with T1, T2, T4 and T13: the pre-check of an application, returning every problem at once (一次性告知).
 * - source (转出地): an employee relation must be TERMINATED, a resident one SUSPENDED (a terminated one has stopped
 *   too);
 * - destination (转入地): the person must be enrolled there; for resident → resident, in next year's scheme (T2);
 * - the Tianjin side is read from the projection of the enrollment events; the other region's side from the
 *   projection when it holds a relation there, else from what the other agency or the national platform attests;
 * - T4: an employer-staff member's inbound transfer is applied for by the employer, anyone else's by the person;
 * - T13: a veteran is refused with that reason.
 * Malformed applications (regions, schemes) throw DomainInputError: the edge must have refused them.
 */
export function precheck(
  application: TransferApplication,
  relations: readonly RelationFacts[],
  today: IsoDate,
): PrecheckResult {
  assertWellFormed(application);
  const found: Problem[] = [];
  if (application.veteran) found.push(P.T13());

  const { tianjin, other } = sidesOf(application);
  const mine = relations.filter((r) => r.personId === application.personId);
  const nextYear = yearOf(today) + 1;
  const residentToResident = application.fromScheme === 'RESIDENT' && application.toScheme === 'RESIDENT';
  let tianjinRelation: RelationFacts | null = null;

  if (application.direction === 'INBOUND') {
    // destination = Tianjin: enrolled in the scheme joined (T5), next year's resident scheme for R → R (T2)
    const enrolled = mine
      .filter((r) => isTianjin(r.regionCode) && r.scheme === application.toScheme && r.status === 'ACTIVE')
      .sort(latestFirst);
    tianjinRelation = (residentToResident ? enrolled.find((r) => r.periodYear >= nextYear) : enrolled[0]) ?? null;
    if (!tianjinRelation) {
      found.push(
        residentToResident ? P.T2_RESIDENT_SAME_YEAR('TIANJIN') : P.T5_NOT_ENROLLED_IN_TIANJIN(application.toScheme),
      );
    }
    // source = elsewhere: terminated (employee) or suspended (resident)
    const known = mine
      .filter((r) => r.regionCode === other && r.scheme === application.fromScheme)
      .sort(latestFirst)[0];
    const status = known?.status ?? application.otherRegion?.status ?? null;
    if (status === null) found.push(P.T5_OTHER_REGION_UNKNOWN('INBOUND'));
    else found.push(...sourceProblems(application.fromScheme, status, 'OTHER', known ?? null));
    // T4: who applies
    found.push(...applicantProblems(application, tianjinRelation));
  } else {
    // source = Tianjin: the relation left must have stopped
    const held = mine.filter((r) => isTianjin(r.regionCode) && r.scheme === application.fromScheme).sort(latestFirst);
    const active = held.find((r) => r.status === 'ACTIVE');
    tianjinRelation = active ?? held[0] ?? null;
    if (!tianjinRelation) found.push(P.T1_NO_TIANJIN_RELATION(application.fromScheme));
    else found.push(...sourceProblems(application.fromScheme, tianjinRelation.status, 'TIANJIN', tianjinRelation));
    // destination = elsewhere: enrolled there (next year's resident scheme for R → R)
    const known = mine
      .filter((r) => r.regionCode === other && r.scheme === application.toScheme && r.status === 'ACTIVE')
      .sort(latestFirst)[0];
    const attested = known ? { status: known.status, periodYear: known.periodYear } : (application.otherRegion ?? null);
    if (attested === null) found.push(P.T5_OTHER_REGION_UNKNOWN('OUTBOUND'));
    else if (attested.status !== 'ACTIVE') found.push(P.T5_NOT_ENROLLED_AT_DESTINATION(application.toScheme));
    else if (residentToResident && (attested.periodYear ?? 0) < nextYear) found.push(P.T2_RESIDENT_SAME_YEAR('OTHER'));
    // T4 (第九条（一）): online, the person applies to Tianjin; a postal transfer starts with the other agency's letter
    if (
      application.channel !== 'POST' &&
      application.applicant.kind === 'PERSON' &&
      application.applicant.personId !== application.personId
    ) {
      found.push(P.T4_NOT_OWN());
    }
  }

  const district = /^1201\d\d$/.test(tianjin) ? tianjin : (tianjinRelation?.regionCode ?? null);
  return {
    problems: found,
    tianjinRelation,
    handlingDistrict: district && /^1201\d\d$/.test(district) ? district : null,
  };
}

function sourceProblems(
  scheme: Scheme,
  status: RelationFacts['status'],
  where: 'TIANJIN' | 'OTHER',
  relation: RelationFacts | null,
): Problem[] {
  if (scheme === 'EMPLOYEE') return status === 'TERMINATED' ? [] : [P.T5_EMPLOYEE_NOT_TERMINATED(where, relation)];
  return status === 'ACTIVE' ? [P.T5_RESIDENT_NOT_SUSPENDED(where, relation)] : [];
}

/** T4 for an inbound application: the employer applies for its staff, the person for anything else. */
function applicantProblems(application: TransferApplication, destination: RelationFacts | null): Problem[] {
  const { applicant } = application;
  const staff = destination?.scheme === 'EMPLOYEE' && destination.employeeCategory === 'EMPLOYER_STAFF';
  if (staff && destination) {
    return applicant.kind === 'EMPLOYER' && applicant.unitCode === destination.unitCode
      ? []
      : [P.T4_EMPLOYER_APPLIES(destination)];
  }
  if (applicant.kind !== 'PERSON') return [P.T4_PERSON_APPLIES()];
  return applicant.personId === application.personId ? [] : [P.T4_NOT_OWN()];
}

function assertWellFormed(a: TransferApplication): void {
  if (a.sourceRegion === a.destinationRegion) throw new DomainInputError('destination equals source');
  const src = isTianjin(a.sourceRegion);
  const dst = isTianjin(a.destinationRegion);
  if (src === dst) throw new DomainInputError('exactly one side of a transfer is Tianjin');
  if ((a.direction === 'OUTBOUND') !== src) throw new DomainInputError('direction does not match the regions');
  if (a.direction === 'OUTBOUND' && a.mode === 'POSTAL' && a.channel !== 'POST') {
    throw new DomainInputError('a postal outbound transfer starts with the contact letter received by post');
  }
  if (a.channel === 'POST' && !(a.direction === 'OUTBOUND' && a.mode === 'POSTAL')) {
    throw new DomainInputError('only a postal outbound transfer starts with a letter received by post');
  }
}
