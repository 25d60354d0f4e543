import { errorMapper } from '@yibao/shared';
import { BENEFITS_ERRORS } from '../app/errors';

/** Benefits' errors mapped to GraphQL codes in one place (the table beside the enum); anything else stays internal. */
export const { mapErrors, toGraphQLError } = errorMapper(BENEFITS_ERRORS);
