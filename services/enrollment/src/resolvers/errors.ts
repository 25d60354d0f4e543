import { errorMapper } from '@yibao/shared';
import { ENROLLMENT_ERRORS } from '../app/errors';

/** Enrollment's errors mapped to GraphQL codes in one place (the table beside the enum); anything else stays internal. */
export const { mapErrors, toGraphQLError } = errorMapper(ENROLLMENT_ERRORS);
