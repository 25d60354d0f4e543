import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';

/** The error codes every subgraph speaks; front ends switch on extensions.code. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RULE_REFUSED = 'RULE_REFUSED',
  CONFLICT = 'CONFLICT',
  /** Too many requests from one caller in the window (gateway). */
  RATE_LIMITED = 'RATE_LIMITED',
}

/** A message in both languages: the clerk reads Chinese, integrators and logs read English. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldProblem {
  field: string;
  reason: Bilingual;
}

function bilingualMessage(m: Bilingual): string {
  return `${m.zh} / ${m.en}`;
}

/** BAD_USER_INPUT naming every faulty field with the reason in Chinese and English. */
export function badUserInput(problems: FieldProblem[]): GraphQLError {
  const first = problems[0];
  const message =
    problems.length === 1 && first
      ? `${first.field}: ${bilingualMessage(first.reason)}`
      : `输入有误（${problems.length} 处） / Invalid input (${problems.length} problems): ${problems.map((p) => p.field).join(', ')}`;
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      fields: problems.map((p) => ({ field: p.field, zh: p.reason.zh, en: p.reason.en })),
    },
  });
}

/** A refusal required by a business rule: names the rule, why, and what the person must do next. */
export function ruleRefused(rule: string, reason: Bilingual, nextStep: Bilingual): GraphQLError {
  return new GraphQLError(`[${rule}] ${bilingualMessage(reason)}`, {
    extensions: {
      code: ErrorCode.RULE_REFUSED,
      rule,
      reason,
      nextStep,
    },
  });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`未找到${what} ${id} / ${what} ${id} not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, what, id },
  });
}

export function forbidden(reason: Bilingual): GraphQLError {
  return new GraphQLError(bilingualMessage(reason), { extensions: { code: ErrorCode.FORBIDDEN, reason } });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('需要登录 / Authentication required', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function conflict(reason: Bilingual): GraphQLError {
  return new GraphQLError(bilingualMessage(reason), { extensions: { code: ErrorCode.CONFLICT, reason } });
}

/** A zod issue that carries its reason in both languages, structured: `ctx.addIssue({ ..., params: bilingual(r) })`. */
export function bilingual(reason: Bilingual): { reason: Bilingual } {
  return { reason };
}

/**
 * Turns a zod error into BAD_USER_INPUT. An issue whose `params.reason` is a `{ zh, en }` (see `bilingual`) keeps
 * both languages; any other issue's message is shown in both slots.
 */
export function fromZodError(error: ZodError, prefix = 'input'): GraphQLError {
  return badUserInput(
    error.issues.map((issue) => {
      const given = (issue as { params?: { reason?: Bilingual } }).params?.reason;
      const reason = given ?? { zh: issue.message, en: issue.message };
      return { field: [prefix, ...issue.path.map(String)].join('.'), reason };
    }),
  );
}

/** How a service's own error code reaches the client: one of the shared GraphQL codes. */
export type ErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT' | 'RULE_REFUSED' | 'FORBIDDEN';

/**
 * The error of a service's application layer, typed by the service's own code enum (e.g. `TransferErrorCode`). The
 * service declares once, in a table, which GraphQL code each of its codes becomes (`errorKinds`); resolvers map
 * every error through `toGraphQLError` and never build GraphQL errors themselves.
 */
export class ServiceError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    readonly reason: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${reason.en}`);
    this.name = 'ServiceError';
  }
}

/** Where a service error's input fields sit in the operation's arguments (`input.x` by default). */
export interface FieldMapping {
  prefix?: string;
  rename?: Record<string, string>;
}

/**
 * The argument path of a field the application named: under `input` by default (or at the top with prefix ''), with
 * the first segment renamed where the argument's name differs (relationId → id; notice.x → registration.x).
 */
export function argumentPath(field: string, mapping: FieldMapping = {}): string {
  const prefix = mapping.prefix ?? 'input';
  const [head = field, ...rest] = field.split('.');
  const name = [mapping.rename?.[head] ?? head, ...rest].join('.');
  if (!prefix || name.startsWith(`${prefix}.`)) return name;
  return `${prefix}.${name}`;
}

/** A service's table: its code → the GraphQL code, and for NOT_FOUND what was not found (中文 / English). */
export interface ErrorTable<C extends string> {
  kinds: Record<C, ErrorKind>;
  what?: Partial<Record<C, string>>;
}

/**
 * Maps a ServiceError through the service's table; a GraphQLError passes unchanged and anything else stays an
 * internal error (logged by the runtime, hidden in production). Details travel as extensions: `rule` and `nextStep`
 * for a refusal, `problems` ({field, reason}[]) or `field` for bad input, the rest as they are.
 */
export function serviceErrorToGraphQL<C extends string>(
  e: unknown,
  table: ErrorTable<C>,
  mapping: FieldMapping = {},
): unknown {
  if (e instanceof GraphQLError || !(e instanceof ServiceError)) return e;
  const kind = table.kinds[e.code as C];
  if (!kind) return e;
  const { rule, nextStep, problems, field, id, ...rest } = e.details as Record<string, unknown> & {
    problems?: FieldProblem[];
  };
  switch (kind) {
    case 'NOT_FOUND':
      return notFound(table.what?.[e.code as C] ?? e.code, String(id ?? ''));
    case 'BAD_USER_INPUT':
      return badUserInput(
        (problems ?? [{ field: String(field ?? 'input'), reason: e.reason }]).map((p) => ({
          field: argumentPath(p.field, mapping),
          reason: p.reason,
        })),
      );
    case 'RULE_REFUSED':
      return ruleRefused(String(rule), e.reason, nextStep as Bilingual);
    case 'FORBIDDEN':
      return forbidden(e.reason);
    case 'CONFLICT': {
      const err = conflict(e.reason);
      Object.assign(err.extensions, id === undefined ? rest : { id, ...rest });
      return err;
    }
  }
}

/** A service's error mapping, built once from its table: `mapErrors` wraps every resolver body. */
export function errorMapper<C extends string>(table: ErrorTable<C>) {
  const toGraphQLError = (e: unknown, mapping: FieldMapping = {}): unknown => serviceErrorToGraphQL(e, table, mapping);
  return {
    toGraphQLError,
    async mapErrors<T>(fn: () => Promise<T> | T, mapping: FieldMapping = {}): Promise<T> {
      try {
        return await fn();
      } catch (e) {
        throw toGraphQLError(e, mapping);
      }
    },
  };
}

/**
 * Codes whose message and extensions are ours to show (the caller's own mistake, or a decision): every other error
 * (an exception in a resolver, a failed subgraph fetch, a database error) is replaced in production by one generic
 * internal error, so no stack trace, SQL, host name or port reaches a client.
 */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Extensions never shown to a client: traces, the raw exception, and which subgraph answered. */
const PRIVATE_EXTENSIONS = ['stacktrace', 'exception', 'serviceName'];

export const INTERNAL_ERROR_MESSAGE = '内部错误，请稍后再试 / Internal error, please try again later';

/**
 * What a client sees of an error. Outside production it passes unchanged (developers want the detail). In production
 * an error of a public code keeps its message and extensions (less traces and service names; field suggestions, which
 * would reveal the schema with introspection off, are cut); anything else becomes INTERNAL_SERVER_ERROR with a
 * generic bilingual message and the path.
 */
export function publicError<
  T extends { message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> },
>(
  formatted: T,
  production: boolean,
): T | { message: string; path?: ReadonlyArray<string | number>; extensions: { code: string } } {
  if (!production) return formatted;
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
  if (!PUBLIC_CODES.has(code)) {
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const extensions = { ...formatted.extensions };
  for (const k of PRIVATE_EXTENSIONS) delete extensions[k];
  return { ...formatted, message: formatted.message.replace(/ ?Did you mean .*\?$/s, ''), extensions };
}
