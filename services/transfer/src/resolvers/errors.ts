import { badUserInput, serviceErrorToGraphQL, splitBilingual, type FieldMapping } from '@yibao/shared';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { TRANSFER_ERRORS, TransferError, TransferErrorCode } from '../app';

/**
 * Maps transfer's typed errors to GraphQL errors through the service's table, in one place. A refusal also carries
 * `reasons`: every problem of the pre-check ({rule, reason, nextStep}), so a front end lists them all (一次性告知).
 */
export function toGraphQLError(e: unknown, mapping: FieldMapping = {}): unknown {
  const mapped = serviceErrorToGraphQL(e, TRANSFER_ERRORS, mapping);
  if (mapped instanceof GraphQLError && e instanceof TransferError) {
    if (e.code === TransferErrorCode.RULE_REFUSED)
      Object.assign(mapped.extensions, { reasons: e.details.reasons ?? [] });
    if (e.code === TransferErrorCode.STEP_OUT_OF_ORDER || e.code === TransferErrorCode.TRANSFER_ALREADY_OPEN) {
      Object.assign(mapped.extensions, { reason: e.reason, errorCode: e.code });
    }
  }
  return mapped;
}

export async function mapErrors<T>(fn: () => Promise<T> | T, mapping: FieldMapping = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGraphQLError(e, mapping);
  }
}

/** Parses a resolver's arguments with zod; failure is one BAD_USER_INPUT naming every argument path. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  throw badUserInput(
    r.error.issues.map((issue) => {
      const [zh, en] = splitBilingual(issue.message);
      return { field: issue.path.map(String).join('.') || 'input', reason: { zh, en } };
    }),
  );
}
