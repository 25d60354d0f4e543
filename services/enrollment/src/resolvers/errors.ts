import { ErrorCode, badUserInput, conflict, forbidden, fromZodError, notFound } from '@yibao/shared';
import { GraphQLError } from 'graphql';
import { ZodError, type z } from 'zod';
import { EnrollmentError, EnrollmentErrorCode } from '../app/errors';

/** Maps enrollment's typed errors to GraphQL errors; anything else is rethrown as an internal error. */
export function toGraphQLError(e: unknown): unknown {
  if (e instanceof GraphQLError) return e;
  if (e instanceof ZodError) return fromZodError(e);
  if (!(e instanceof EnrollmentError)) return e;
  switch (e.code) {
    case EnrollmentErrorCode.PERSON_NOT_FOUND:
      return notFound('参保人 / person', String(e.details.personId ?? ''));
    case EnrollmentErrorCode.PERSON_ALREADY_REGISTERED: {
      const err = conflict(e.reason);
      Object.assign(err.extensions, { existingPersonId: e.details.personId });
      return err;
    }
    case EnrollmentErrorCode.FORBIDDEN:
      return forbidden(e.reason);
  }
}

/** Runs a resolver body and maps its errors. */
export async function mapErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGraphQLError(e);
  }
}

/** Parses resolver input with zod; failure is one BAD_USER_INPUT listing every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}

export { ErrorCode, badUserInput };
