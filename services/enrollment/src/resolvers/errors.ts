import { errorMapper } from '@yibao/shared';
import { ENROLLMENT_ERRORS, fromDatabase } from '../app/errors';

const mapper = errorMapper(ENROLLMENT_ERRORS);

/**
 * Enrollment's errors mapped to GraphQL codes in one place (the table beside the enum). A constraint violation of the
 * database becomes a clear error first (`fromDatabase`); anything else stays internal.
 */
export const toGraphQLError = mapper.toGraphQLError;
export const mapErrors: typeof mapper.mapErrors = (fn, mapping) =>
  mapper.mapErrors(async () => {
    try {
      return await fn();
    } catch (e) {
      throw fromDatabase(e);
    }
  }, mapping);
