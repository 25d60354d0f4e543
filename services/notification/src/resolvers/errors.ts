import { errorMapper } from '@yibao/shared';
import { NOTIFICATION_ERRORS } from '../app/errors';

/** Notification's errors mapped to GraphQL codes in one place; anything else stays internal. */
export const { mapErrors } = errorMapper(NOTIFICATION_ERRORS);
