import type { RelationSnapshot } from '@yibao/shared';
import type { Consent, Contribution, InsuranceRelation, Person, PersonSnapshot } from '../domain';
import type { ConsentEntity, ContributionEntity, PersonEntity, RelationEntity } from '../entities';

/** Entities → the domain's plain snapshots, and relations → the event payload shape. */
export function toDomainPerson(p: PersonEntity): Person {
  return {
    id: p.id,
    idType: p.idType,
    idNumber: p.idNumber,
    birthDate: p.birthDate,
    householdRegion: p.householdRegion,
    residenceRegion: p.residenceRegion,
    schoolRegion: p.schoolRegion,
  };
}

export function toDomainRelation(r: RelationEntity): InsuranceRelation {
  return {
    id: r.id,
    personId: r.personId,
    scheme: r.scheme,
    employeeCategory: r.employeeCategory,
    residentCategory: r.residentCategory,
    schoolLevel: r.schoolLevel,
    retired: r.retired,
    regionCode: r.regionCode,
    unitCode: r.unitCode,
    unitName: r.unitName,
    periodYear: r.periodYear,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    expectedGraduation: r.expectedGraduation,
    suspensionRule: r.suspensionRule,
  };
}

export function toDomainContribution(c: ContributionEntity): Contribution {
  return {
    personId: c.personId,
    year: c.year,
    kind: c.kind,
    scheme: c.scheme,
    employeeCategory: c.employeeCategory,
    amountFen: c.amountFen,
    paidOn: c.paidOn,
    refundedOn: c.refundedOn,
  };
}

export function toDomainConsent(c: ConsentEntity): Consent {
  return {
    id: c.id,
    personId: c.personId,
    name: c.name,
    phone: c.phone,
    idType: c.idType,
    idNumber: c.idNumber,
    originalUnitName: c.originalUnitName,
    originalUnitCode: c.originalUnitCode,
    newUnitName: c.newUnitName,
    newUnitCode: c.newUnitCode,
    promiseText: c.promiseText,
    signature: c.signature,
    signedAt: c.signedAt.toISOString(),
    channel: c.channel,
    usedForRelationId: c.usedForRelationId,
  };
}

export function toSnapshot(
  person: PersonEntity,
  relations: RelationEntity[],
  contributions: ContributionEntity[],
  consents: ConsentEntity[],
): PersonSnapshot {
  return {
    person: toDomainPerson(person),
    relations: relations.map(toDomainRelation),
    contributions: contributions.map(toDomainContribution),
    consents: consents.map(toDomainConsent),
  };
}

export function relationPayload(r: RelationEntity): RelationSnapshot {
  // the event carries the domain's view of the relation, without the internal bookkeeping fields
  const { id, expectedGraduation: _graduation, suspensionRule: _rule, ...rest } = toDomainRelation(r);
  return { relationId: id, ...rest };
}
