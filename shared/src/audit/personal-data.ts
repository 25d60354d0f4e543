import type { GraphQLResolveInfo } from 'graphql';
import type { Identity } from '../auth';
import type { AuditRecorder } from './recorder';

/** Whose personal data a value is: the person, and the regions (1201xx) that make a district branch theirs. */
export interface DataHolder {
  personId: string;
  /** Household, residence and relation regions; only read for a DISTRICT_STAFF caller. */
  regions: () => Promise<ReadonlyArray<string | null | undefined>> | ReadonlyArray<string | null | undefined>;
}

/**
 * Who sees a person's ID and mobile numbers unmasked: the person, the city centre and the batch system, and a
 * district branch for persons of its district (household, residence or a relation there). Everyone else (another
 * district, an employer, an integrator) sees them masked.
 */
export async function mayReadUnmasked(reader: Identity, holder: DataHolder): Promise<boolean> {
  switch (reader.role) {
    case 'PERSON':
      return reader.personId === holder.personId;
    case 'CITY_STAFF':
    case 'SYSTEM':
      return true;
    case 'DISTRICT_STAFF':
      return !!reader.district && (await holder.regions()).includes(reader.district);
    default:
      return false;
  }
}

/** The root field a resolver runs under (`person`, `_entities`), for the audit log. */
export function rootFieldOf(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const alias = String(path.key);
  for (const s of info.operation.selectionSet.selections) {
    if (s.kind === 'Field' && (s.alias?.value ?? s.name.value) === alias) return s.name.value;
  }
  return alias;
}

/**
 * A personal-data field as the caller may see it: unmasked for the person and staff of the right scope, masked for
 * everyone else. A staff read of an unmasked value is recorded in the audit log (the person's own reads are not).
 */
export async function personalData(
  ctx: { identity: Identity; audit?: AuditRecorder },
  info: GraphQLResolveInfo,
  holder: DataHolder,
  value: string | null | undefined,
  mask: (v: string) => string,
): Promise<string | null> {
  if (value == null) return null;
  if (!(await mayReadUnmasked(ctx.identity, holder))) return mask(value);
  if (ctx.identity.role !== 'PERSON') {
    ctx.audit?.record({
      action: 'READ_UNMASKED',
      operation: rootFieldOf(info),
      field: `${info.parentType.name}.${info.fieldName}`,
      targetId: holder.personId,
      scope: ctx.identity.role === 'DISTRICT_STAFF' ? 'OWN_DISTRICT' : 'ANY',
      result: 'OK',
    });
  }
  return value;
}
