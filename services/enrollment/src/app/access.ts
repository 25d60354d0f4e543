import { isStaff, type Identity } from '@yibao/shared';
import { EnrollmentError, EnrollmentErrorCode } from './errors';

/**
 * Who may do what in enrollment:
 * - CITY_STAFF (市医保中心): everything; DISTRICT_STAFF (区医保分中心): commands on the relations of its own district
 *   (region code = its 1201xx), reads of anyone;
 * - PERSON: reads and applications for themselves; EMPLOYER: its own staff; INTEGRATOR (national platform, tax
 *   authority): notices and contribution facts; SYSTEM: batch jobs.
 */
function forbidden(zh: string, en: string): EnrollmentError {
  return new EnrollmentError(EnrollmentErrorCode.FORBIDDEN, { zh, en });
}

export function assertStaff(identity: Identity): void {
  if (!isStaff(identity) && identity.role !== 'SYSTEM')
    throw forbidden('仅医保经办人员可办理此业务', 'only agency staff may do this');
}

export function assertCityStaff(identity: Identity): void {
  if (identity.role !== 'CITY_STAFF' && identity.role !== 'SYSTEM')
    throw forbidden('仅市医保中心可办理此业务', 'only the city centre may do this');
}

/** A district branch operates its own district's relations; the city centre (and the system) anything. */
export function assertMayOperateRegion(identity: Identity, regionCode: string): void {
  if (identity.role === 'CITY_STAFF' || identity.role === 'SYSTEM') return;
  if (identity.role === 'DISTRICT_STAFF' && identity.district === regionCode) return;
  throw forbidden(
    `本区医保分中心只能办理本区（${identity.district ?? '?'}）的参保业务，其他地区请转市医保中心或所属分中心`,
    `a district branch operates its own district (${identity.district ?? '?'}); refer other regions to the city centre or their branch`,
  );
}

/**
 * E8: the national platform reports what happened to a relation in another region (registered there, ended there);
 * a Tianjin relation is Tianjin's agencies' to change. Staff follow assertMayOperateRegion.
 */
export function assertMayOperateRelation(identity: Identity, regionCode: string, inTianjin: boolean): void {
  if (identity.role !== 'INTEGRATOR') return assertMayOperateRegion(identity, regionCode);
  if (inTianjin)
    throw forbidden(
      '国家医保信息平台只能报送外省市参保关系的变化，本市参保关系由本市经办机构办理',
      'the national platform reports changes of relations in other regions; a Tianjin relation is changed by Tianjin agencies',
    );
}

export function assertStaffOrIntegrator(identity: Identity): void {
  if (isStaff(identity) || identity.role === 'INTEGRATOR' || identity.role === 'SYSTEM') return;
  throw forbidden('仅医保经办人员或对接系统可办理此业务', 'only agency staff or integrated systems may do this');
}

export function assertMayReadPerson(identity: Identity, personId: string): void {
  if (isStaff(identity) || identity.role === 'SYSTEM' || identity.role === 'INTEGRATOR') return;
  if (identity.role === 'PERSON' && identity.personId === personId) return;
  throw forbidden('无权查看他人的参保信息', "you may not read another person's records");
}

/** An employer reads its own record (by credit code); staff, the system and granted integrators any. */
export function assertMayReadEmployer(identity: Identity, creditCode: string): void {
  if (isStaff(identity) || identity.role === 'SYSTEM' || identity.role === 'INTEGRATOR') return;
  if (identity.role === 'EMPLOYER' && identity.employerCode === creditCode) return;
  throw forbidden('无权查看其他单位的信息', "you may not read another employer's record");
}
