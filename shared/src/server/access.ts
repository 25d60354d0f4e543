import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLObjectType,
  type DocumentNode,
  defaultFieldResolver,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { resultOf, type AuditRecorder } from '../audit';
import type { Identity, Role } from '../auth';
import { ErrorCode, forbidden } from '../errors';
import { GraphQLError } from 'graphql';

export type AccessScope = 'ANY' | 'OWN_PERSON' | 'OWN_EMPLOYER' | 'OWN_DISTRICT' | 'GRANTED';

/** One `@access(roles: [...], scope: ...)` of a field or a type. */
export interface AccessRule {
  roles: Role[];
  scope: AccessScope;
}

/** The rules a field is resolved under: its own, else its type's; `declared: false` when neither has one. */
export interface FieldAccess {
  coordinate: string;
  rules: AccessRule[];
  root: boolean;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Federation's own root fields: `_service` (the SDL) and `_entities` (whose entity types carry the rules). */
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

type Directed = { directives?: readonly ConstDirectiveNode[] } | null | undefined;

/** The `@access` rules on AST nodes (a type and its extensions, or a field). */
export function accessRulesOf(nodes: readonly Directed[]): AccessRule[] {
  const rules: AccessRule[] = [];
  for (const node of nodes) {
    for (const d of node?.directives ?? []) {
      if (d.name.value !== 'access') continue;
      const args = Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      const roles = args.roles as Role[] | Role;
      rules.push({ roles: Array.isArray(roles) ? roles : [roles], scope: (args.scope as AccessScope) ?? 'ANY' });
    }
  }
  return rules;
}

export function isEntityType(type: GraphQLObjectType): boolean {
  return [type.astNode, ...type.extensionASTNodes].some((n) => n?.directives?.some((d) => d.name.value === 'key'));
}

const typeRules = (type: GraphQLObjectType) => accessRulesOf([type.astNode, ...type.extensionASTNodes]);

/** The first rule that names the caller's role, or null. */
export function ruleFor(rules: readonly AccessRule[], identity: Identity): AccessRule | null {
  return rules.find((r) => r.roles.includes(identity.role)) ?? null;
}

/**
 * Why the caller may not resolve the field, or null when the rules let them. Checks the role, and what the scope
 * needs from the token: a person id, an employer's credit code, a district, or (at a root field) a grant of the
 * operation. The ownership the scope names is the application's to check (app/access.ts).
 */
export function accessRefusal(access: FieldAccess, identity: Identity): { zh: string; en: string } | null {
  const field = access.coordinate;
  if (access.rules.length === 0) {
    return {
      zh: `${field} 未声明访问规则，默认拒绝`,
      en: `${field} declares no access rule and is refused by default`,
    };
  }
  const rule = ruleFor(access.rules, identity);
  if (!rule) {
    return { zh: `角色 ${identity.role} 无权访问 ${field}`, en: `you may not access ${field} as ${identity.role}` };
  }
  const missing = (zh: string, en: string) => ({
    zh: `无权访问 ${field}：令牌中缺少${zh}`,
    en: `you may not access ${field}: the token lacks ${en}`,
  });
  switch (rule.scope) {
    case 'OWN_PERSON':
      return identity.personId ? null : missing('参保人编号', 'a person id');
    case 'OWN_EMPLOYER':
      return identity.employerCode ? null : missing('单位统一社会信用代码', "the employer's credit code");
    case 'OWN_DISTRICT':
      return identity.district ? null : missing('所属区', 'a district');
    case 'GRANTED': {
      if (!access.root) return null; // reached through an operation the caller was granted
      const name = field.split('.')[1]!;
      return identity.grants?.includes(name)
        ? null
        : { zh: `无权调用 ${name}：未获授权`, en: `you may not call ${name}: it is not granted to this caller` };
    }
    default:
      return null;
  }
}

/** Every object field of a schema with the rules it is resolved under (null: reached only through a checked field). */
export function fieldAccessOf(
  schema: GraphQLSchema,
): Array<{ type: GraphQLObjectType; field: GraphQLField<unknown, unknown>; access: FieldAccess | null }> {
  const out: Array<{ type: GraphQLObjectType; field: GraphQLField<unknown, unknown>; access: FieldAccess | null }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || type.name.startsWith('_')) continue;
    const root = ROOT_TYPES.has(type.name);
    const onType = typeRules(type);
    const entity = isEntityType(type);
    for (const field of Object.values(type.getFields())) {
      if (root && FEDERATION_FIELDS.has(field.name)) {
        out.push({ type, field, access: null });
        continue;
      }
      const own = accessRulesOf([field.astNode]);
      const rules = own.length > 0 ? own : onType;
      // a root field, or a field of an entity (reachable through _entities), must have rules; others inherit
      const mustDeclare = root || entity || onType.length > 0 || own.length > 0;
      out.push({ type, field, access: mustDeclare ? { coordinate: `${type.name}.${field.name}`, rules, root } : null });
    }
  }
  return out;
}

const refuse = (reason: { zh: string; en: string }): GraphQLError => forbidden(reason);

const unauthenticated = () =>
  new GraphQLError('需要有效身份 / A verified caller is required', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

const ID_ARGUMENTS = ['id', 'personId', 'relationId', 'contributionId', 'transferId', 'externalId', 'creditCode'];

/** What a mutation changed: the id it returned, else the id it was given (never an ID number). */
export function targetOf(args: Record<string, unknown>, result: unknown): string | null {
  const r = result as Record<string, { id?: unknown } | unknown> | null | undefined;
  for (const v of [
    r?.id,
    (r?.relation as { id?: unknown })?.id,
    (r?.notice as { id?: unknown })?.id,
    (r?.person as { id?: unknown })?.id,
  ])
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  for (const source of [args, args.input as Record<string, unknown> | undefined]) {
    for (const k of ID_ARGUMENTS) {
      const v = source?.[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  }
  return null;
}

/** A mutation: checked like any field, and recorded in the audit log whatever its result (refusals included). */
function audited(
  access: FieldAccess,
  operation: string,
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return async (source, args, context, info) => {
    const ctx = context as { identity?: Identity; audit?: AuditRecorder } | undefined;
    const identity = ctx?.identity;
    if (!identity) throw unauthenticated();
    const scope = ruleFor(access.rules, identity)?.scope ?? null;
    const record = (result: string, value?: unknown) =>
      ctx?.audit?.record({ action: 'MUTATION', operation, targetId: targetOf(args, value), scope, result });
    const refusal = accessRefusal(access, identity);
    if (refusal) {
      const error = refuse(refusal);
      record(resultOf(error));
      throw error;
    }
    try {
      const value = await resolve(source, args, context, info);
      record('OK', value);
      return value;
    } catch (e) {
      record(resultOf(e));
      throw e;
    }
  };
}

/**
 * Wraps every field resolver of the schema (and each entity's `__resolveReference`) with its `@access` rules: the
 * caller in `context.identity` is checked before the resolver runs. Mutates and returns the schema.
 */
export function enforceAccessRules(schema: GraphQLSchema): GraphQLSchema {
  for (const { type, field, access } of fieldAccessOf(schema)) {
    if (!access) continue;
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    if (type.name === 'Mutation') {
      field.resolve = audited(access, field.name, resolve);
      continue;
    }
    field.resolve = (source, args, context, info) => {
      const identity = (context as { identity?: Identity } | undefined)?.identity;
      if (!identity) throw unauthenticated();
      const refusal = accessRefusal(access, identity);
      if (refusal) throw refuse(refusal);
      return resolve(source, args, context, info);
    };
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || !isEntityType(type)) continue;
    const subgraph = (
      type.extensions as { apollo?: { subgraph?: { resolveReference?: GraphQLFieldResolver<unknown, unknown> } } }
    ).apollo?.subgraph;
    const access: FieldAccess = { coordinate: `${type.name}(_entities)`, rules: typeRules(type), root: false };
    const resolveReference = subgraph?.resolveReference;
    // without a rule on the type, each field's own rules still apply; with one, the reference is checked first
    if (!subgraph || !resolveReference || access.rules.length === 0) continue;
    subgraph.resolveReference = (reference, context, info) => {
      const identity = (context as { identity?: Identity } | undefined)?.identity;
      if (!identity) throw unauthenticated();
      const refusal = accessRefusal(access, identity);
      if (refusal) throw refuse(refusal);
      return (resolveReference as unknown as (r: unknown, c: unknown, i: unknown) => unknown)(reference, context, info);
    };
  }
  return schema;
}

/**
 * What a service's SDL lacks: every field of Query and Mutation needs a rule, and every entity type one for each of
 * its fields (on the type or the field). Empty when every field is ruled.
 */
export function unruledFields(schema: GraphQLSchema): string[] {
  return fieldAccessOf(schema)
    .filter(({ access }) => access !== null && access.rules.length === 0)
    .map(({ access }) => access!.coordinate);
}

/** `unruledFields` of a subgraph SDL, built without resolvers (the unit test over every service's SDL). */
export function unruledFieldsOfSdl(typeDefs: DocumentNode): { unruled: string[]; ruled: number } {
  const schema = buildSubgraphSchema([{ typeDefs }]);
  return { unruled: unruledFields(schema), ruled: fieldAccessOf(schema).filter((f) => f.access).length };
}
