import { isStaff, type Identity } from '@yibao/shared';
import { TransferError } from './errors';

/**
 * Who may do what in transfer — reads as enrollment's (`assertMayReadPerson`), operations per district:
 * - CITY_STAFF (市医保中心): everything, city-wide. DISTRICT_STAFF (区医保分中心): reads anyone's transfers (like
 *   enrollment's records), operates and lists the due steps of the transfers its district handles (第四条:
 *   各区医保分中心负责转移接续业务经办操作);
 * - PERSON: applies for and reads their own transfers; EMPLOYER: applies for its staff and reads a transfer it applied
 *   for, but not a person's transfers or record (enrollment lets it see its staff, not their other records);
 * - INTEGRATOR (the national platform, other provinces' agencies): online applications, information sheets, reads;
 *   SYSTEM: jobs.
 * Decided here, not by whoever resolved the Person before: `Person.transfers` is reachable through `_entities`.
 */
export interface TransferScope {
  personId: string;
  handlingDistrict: string;
  applicant: { kind: string; unitCode?: string };
}

export function mayRead(reader: Identity, t: TransferScope): boolean {
  switch (reader.role) {
    case 'CITY_STAFF':
    case 'DISTRICT_STAFF':
    case 'SYSTEM':
    case 'INTEGRATOR':
      return true;
    case 'PERSON':
      return reader.personId === t.personId;
    case 'EMPLOYER':
      return t.applicant.kind === 'EMPLOYER' && t.applicant.unitCode === reader.employerCode;
    default:
      return false;
  }
}

export function assertMayRead(reader: Identity, t: TransferScope): void {
  if (!mayRead(reader, t)) throw TransferError.forbidden('无权查看该转移接续业务', 'you may not read this transfer');
}

/** A person's transfers and rights record: the person, staff, the system and integrators — never an employer. */
export function assertMayReadPerson(reader: Identity, personId: string): void {
  if (isStaff(reader) || reader.role === 'SYSTEM' || reader.role === 'INTEGRATOR') return;
  if (reader.role === 'PERSON' && reader.personId === personId) return;
  throw TransferError.forbidden('无权查看他人的转移接续记录', "you may not read another person's transfers");
}

/** Staff steps: the city centre anywhere, a district branch on the transfers of its district. */
export function assertMayOperate(actor: Identity, handlingDistrict: string): void {
  if (actor.role === 'CITY_STAFF' || actor.role === 'SYSTEM') return;
  if (actor.role === 'DISTRICT_STAFF' && actor.district === handlingDistrict) return;
  if (actor.role === 'DISTRICT_STAFF') {
    throw TransferError.forbidden(
      `本区医保分中心只能办理本区（${actor.district ?? '?'}）的转移接续业务`,
      `a district branch handles its own district's transfers (${actor.district ?? '?'})`,
    );
  }
  throw TransferError.forbidden('仅医保经办人员可办理此业务', 'only agency staff may do this');
}

export function assertStaff(actor: Identity): void {
  if (!isStaff(actor) && actor.role !== 'SYSTEM')
    throw TransferError.forbidden('仅医保经办人员可办理此业务', 'only agency staff may do this');
}

export function assertCityStaff(actor: Identity): void {
  if (actor.role !== 'CITY_STAFF' && actor.role !== 'SYSTEM') {
    throw TransferError.forbidden('仅市医保中心可办理此业务', 'only the city centre may do this');
  }
}

export function assertIntegrator(actor: Identity): void {
  if (actor.role !== 'INTEGRATOR' && actor.role !== 'SYSTEM') {
    throw TransferError.forbidden('仅医保信息平台可调用此接口', 'only the national platform may call this');
  }
}

/** The district whose transfers a staff query covers: a branch its own, the city centre any (or all: null). */
export function districtScope(reader: Identity, asked: string | null): string | null {
  if (reader.role === 'CITY_STAFF' || reader.role === 'SYSTEM') return asked;
  if (reader.role === 'DISTRICT_STAFF') {
    if (asked !== null && asked !== reader.district) {
      throw TransferError.forbidden(
        `本区医保分中心只能查看本区（${reader.district ?? '?'}）的转移接续业务`,
        `a district branch sees its own district's transfers (${reader.district ?? '?'})`,
      );
    }
    return reader.district ?? '';
  }
  throw TransferError.forbidden('仅医保经办人员可查看办理时限', 'only agency staff see the deadlines');
}
