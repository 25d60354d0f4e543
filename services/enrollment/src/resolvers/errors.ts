import { badUserInput, conflict, forbidden, notFound, ruleRefused, type Bilingual } from '@yibao/shared';
import { GraphQLError } from 'graphql';
import { EnrollmentError, EnrollmentErrorCode } from '../app/errors';

const WHAT: Partial<Record<EnrollmentErrorCode, string>> = {
  [EnrollmentErrorCode.PERSON_NOT_FOUND]: '参保人 / person',
  [EnrollmentErrorCode.RELATION_NOT_FOUND]: '参保关系 / relation',
  [EnrollmentErrorCode.CONTRIBUTION_NOT_FOUND]: '缴费记录 / contribution',
  [EnrollmentErrorCode.EMPLOYER_NOT_FOUND]: '参保单位 / employer',
  [EnrollmentErrorCode.BATCH_JOB_NOT_FOUND]: '批处理任务 / batch job',
};

/**
 * Where the app's INVALID_INPUT fields sit in the operation's arguments: under `input` (the default) or at the top
 * (prefix ''), with the app's field names renamed to argument names where they differ (relationId → id; the first
 * segment of a nested field: notice.regionCode → registration.regionCode).
 */
export interface FieldMapping {
  prefix?: string;
  rename?: Record<string, string>;
}

function argumentPath(field: string, mapping: FieldMapping): string {
  const prefix = mapping.prefix ?? 'input';
  const [head = field, ...rest] = field.split('.');
  const name = [mapping.rename?.[head] ?? head, ...rest].join('.');
  if (!prefix || name.startsWith(`${prefix}.`)) return name;
  return `${prefix}.${name}`;
}

/** Maps enrollment's typed errors to GraphQL errors in one place; anything else stays an internal error. */
export function toGraphQLError(e: unknown, mapping: FieldMapping = {}): unknown {
  if (e instanceof GraphQLError) return e;
  if (!(e instanceof EnrollmentError)) return e;
  switch (e.code) {
    case EnrollmentErrorCode.PERSON_NOT_FOUND:
    case EnrollmentErrorCode.RELATION_NOT_FOUND:
    case EnrollmentErrorCode.CONTRIBUTION_NOT_FOUND:
    case EnrollmentErrorCode.EMPLOYER_NOT_FOUND:
    case EnrollmentErrorCode.BATCH_JOB_NOT_FOUND:
      return notFound(WHAT[e.code] ?? e.code, String(e.details.id ?? ''));
    case EnrollmentErrorCode.PERSON_ALREADY_REGISTERED: {
      const err = conflict(e.reason);
      Object.assign(err.extensions, { existingPersonId: e.details.personId });
      return err;
    }
    case EnrollmentErrorCode.EMPLOYER_ALREADY_REGISTERED: {
      const err = conflict(e.reason);
      Object.assign(err.extensions, { existingEmployerId: e.details.employerId });
      return err;
    }
    case EnrollmentErrorCode.INVALID_STATE: {
      const err = conflict(e.reason);
      Object.assign(err.extensions, e.details);
      return err;
    }
    case EnrollmentErrorCode.INVALID_INPUT: {
      const problems = (e.details.problems as Array<{ field: string; reason: Bilingual }> | undefined) ?? [
        { field: String(e.details.field ?? 'input'), reason: e.reason },
      ];
      return badUserInput(problems.map((p) => ({ field: argumentPath(p.field, mapping), reason: p.reason })));
    }
    case EnrollmentErrorCode.RULE_REFUSED:
      return ruleRefused(String(e.details.rule), e.reason, e.details.nextStep as Bilingual);
    case EnrollmentErrorCode.FORBIDDEN:
      return forbidden(e.reason);
  }
}

/** Runs a resolver body and maps its errors. */
export async function mapErrors<T>(fn: () => Promise<T> | T, mapping: FieldMapping = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGraphQLError(e, mapping);
  }
}
