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
