import { isStaff, type Identity } from '@yibao/shared';
import { TransferError, TransferErrorCode } from './errors';

/**
 * Who may read a person's transfers — the same reads as enrollment's (`assertMayReadPerson`):
 * - CITY_STAFF and DISTRICT_STAFF (a district branch reads anyone; it operates only its own district), SYSTEM, and
 *   INTEGRATOR (the national platform and other provinces' agencies take part in transfers);
 * - PERSON: only their own;
 * - EMPLOYER: none (enrollment lets an employer see the persons it insures as staff, not their other records).
 * Decided here, not by whoever resolved the Person before: `Person.transfers` is reachable through `_entities`.
 */
export function assertMayReadTransfersOf(reader: Identity, personId: string): void {
  if (isStaff(reader) || reader.role === 'SYSTEM' || reader.role === 'INTEGRATOR') return;
  if (reader.role === 'PERSON' && reader.personId === personId) return;
  throw new TransferError(TransferErrorCode.FORBIDDEN, {
    zh: '无权查看他人的转移接续记录',
    en: "you may not read another person's transfers",
  });
}
