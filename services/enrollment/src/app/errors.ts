import type { Bilingual } from '@yibao/shared';

/** Every way an enrollment command can fail; resolvers map them to GraphQL error codes in one place. */
export enum EnrollmentErrorCode {
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  PERSON_ALREADY_REGISTERED = 'PERSON_ALREADY_REGISTERED',
  FORBIDDEN = 'FORBIDDEN',
}

export class EnrollmentError extends Error {
  constructor(
    readonly code: EnrollmentErrorCode,
    readonly reason: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${reason.en}`);
    this.name = 'EnrollmentError';
  }
}
