import { NotificationError } from '../app';

/** Shape checks of the edge: ids are uuids, a district is a Tianjin district code. Rules are decided in the app. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidArg(field: string, value: string): string {
  if (!UUID.test(value)) throw NotificationError.invalid(field, { zh: '编号格式不正确', en: 'not a valid id (uuid)' });
  return value.toLowerCase();
}

export function uuidList(field: string, values: readonly string[]): string[] {
  if (values.length > 100)
    throw NotificationError.invalid(field, { zh: '一次最多 100 条', en: 'at most 100 ids at once' });
  return values.map((v, i) => uuidArg(`${field}.${i}`, v));
}

export function districtArg(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!/^1201\d\d$/.test(value))
    throw NotificationError.invalid('district', {
      zh: '区划代码应为天津市辖区代码（1201xx）',
      en: 'a district is a Tianjin district code (1201xx)',
    });
  return value;
}
