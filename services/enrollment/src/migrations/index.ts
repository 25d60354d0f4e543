import { Person1763900001000 } from './1763900001000-person';
import { EnrollmentModel1763900001100 } from './1763900001100-enrollment-model';
import { NoticeExplanation1763900001200 } from './1763900001200-notice-explanation';
import { BatchJobFailures1763900001300 } from './1763900001300-batch-job-failures';
import { SchemaMetadata1763900001400 } from './1763900001400-schema-metadata';
import { ConsentUseAndPolicy1763900001500 } from './1763900001500-consent-use-and-policy';

/** In order; the shared outbox/inbox migration runs before these. */
export const migrations = [
  Person1763900001000,
  EnrollmentModel1763900001100,
  NoticeExplanation1763900001200,
  BatchJobFailures1763900001300,
  SchemaMetadata1763900001400,
  ConsentUseAndPolicy1763900001500,
];
