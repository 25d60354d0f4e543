import { errorMapper } from '@yibao/shared';
import { TRANSFER_ERRORS } from '../app/errors';

/** Transfer's errors mapped to GraphQL codes in one place; anything else stays internal. */
export const { mapErrors } = errorMapper(TRANSFER_ERRORS);
