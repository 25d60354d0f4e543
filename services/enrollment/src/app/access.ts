import { isStaff, type Identity } from '@yibao/shared';
import { EnrollmentError, EnrollmentErrorCode } from './errors';

/** Who may do what in enrollment. Staff act for anyone; a person only for themselves. */
export function assertStaff(identity: Identity): void {
  if (!isStaff(identity) && identity.role !== 'SYSTEM') {
    throw new EnrollmentError(EnrollmentErrorCode.FORBIDDEN, {
      zh: '仅医保经办人员可办理此业务',
      en: 'only agency staff may do this',
    });
  }
}

export function assertMayReadPerson(identity: Identity, personId: string): void {
  if (isStaff(identity) || identity.role === 'SYSTEM' || identity.role === 'INTEGRATOR') return;
  if (identity.role === 'PERSON' && identity.personId === personId) return;
  throw new EnrollmentError(EnrollmentErrorCode.FORBIDDEN, {
    zh: '无权查看他人的参保信息',
    en: "you may not read another person's records",
  });
}
