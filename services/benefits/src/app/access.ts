import { isStaff, type Identity } from '@yibao/shared';
import { BenefitsError } from './errors';

/**
 * Who may do what in benefits:
 * - reads of a person's benefits: the person themselves, agency staff (city centre, district branches) and the system;
 * - the policy parameters in force and their audit record: anyone signed in (they are public policy);
 * - a new parameter version: the city centre (市医保中心) only;
 * - an info sheet's periods: agency staff, who check the sheet (T6, T7).
 */
export function assertMayReadPerson(identity: Identity, personId: string): void {
  if (isStaff(identity) || identity.role === 'SYSTEM') return;
  if (identity.role === 'PERSON' && identity.personId === personId) return;
  throw BenefitsError.forbidden('无权查看他人的医保待遇信息', "you may not read another person's benefits");
}

export function assertCityStaff(identity: Identity): void {
  if (identity.role === 'CITY_STAFF') return;
  throw BenefitsError.forbidden('仅市医保中心可调整政策参数', 'only the city centre may change a policy parameter');
}

export function assertStaff(identity: Identity): void {
  if (isStaff(identity)) return;
  throw BenefitsError.forbidden('仅医保经办人员可办理此业务', 'only agency staff may do this');
}
