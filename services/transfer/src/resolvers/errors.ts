import { badUserInput, errorMapper, type FieldMapping } from '@yibao/shared';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { TRANSFER_ERRORS, TransferError, TransferErrorCode } from '../app/errors';
import { EDGE_TEXTS } from './inputs';

const { toGraphQLError: mapped } = errorMapper(TRANSFER_ERRORS);

/**
 * Transfer's errors mapped to GraphQL codes through its table, in one place. A refusal also carries `reasons`: every
 * problem of the pre-check ({rule, reason, nextStep}), so a front end lists them all (一次性告知).
 */
export function toGraphQLError(e: unknown, mapping: FieldMapping = {}): unknown {
  const out = mapped(e, mapping);
  if (out instanceof GraphQLError && e instanceof TransferError) {
    if (e.code === TransferErrorCode.RULE_REFUSED) Object.assign(out.extensions, { reasons: e.details.reasons ?? [] });
  }
  return out;
}

export async function mapErrors<T>(fn: () => Promise<T> | T, mapping: FieldMapping = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGraphQLError(e, mapping);
  }
}

/** Parses a resolver's arguments with zod; failure is one BAD_USER_INPUT naming every argument path, both languages. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  throw badUserInput(
    r.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'input',
      reason: EDGE_TEXTS.get(issue.message) ?? { zh: issue.message, en: issue.message },
    })),
  );
}
