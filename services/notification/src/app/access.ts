import { isStaff, type Identity } from '@yibao/shared';
import { NotificationError } from './errors';

/**
 * Who may do what with messages:
 * - a PERSON reads and marks read only their own messages;
 * - staff (市医保中心 and 区医保分中心) and SYSTEM read anyone's messages, as they read anyone's records in enrollment;
 *   they never mark a person's messages read;
 * - the staff views (failed deliveries, deadline alerts) are by district: a district branch sees its own district,
 *   the city centre the whole city.
 */
export function assertMayReadMessagesOf(reader: Identity, personId: string): void {
  if (isStaff(reader) || reader.role === 'SYSTEM') return;
  if (reader.role === 'PERSON' && reader.personId === personId) return;
  throw NotificationError.forbidden('无权查看他人的消息', "you may not read another person's messages");
}

/** The person whose messages the caller may mark read: only a person, only their own. */
export function ownPersonId(reader: Identity): string {
  if (reader.role === 'PERSON' && reader.personId) return reader.personId;
  throw NotificationError.forbidden('只有参保人本人可以将消息标为已读', 'only the person may mark their messages read');
}

/**
 * The district a staff view is limited to: a district branch its own (asking for another is refused), the city
 * centre (and SYSTEM) the district asked for, or the whole city (null).
 */
export function staffScope(reader: Identity, district: string | null | undefined): string | null {
  if (reader.role === 'CITY_STAFF' || reader.role === 'SYSTEM') return district ?? null;
  if (reader.role === 'DISTRICT_STAFF' && reader.district) {
    if (district && district !== reader.district)
      throw NotificationError.forbidden(
        `区医保分中心只能查看本区（${reader.district}）的数据`,
        `a district branch sees its own district (${reader.district}) only`,
      );
    return reader.district;
  }
  throw NotificationError.forbidden('仅医保经办人员可查看', 'only agency staff may see this');
}
