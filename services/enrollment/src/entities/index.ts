import { BatchJobEntity } from './batch-job.entity';
import { CentralisedPeriodEntity } from './centralised-period.entity';
import { ConsentEntity } from './consent.entity';
import { ContributionEntity } from './contribution.entity';
import { EmployerEntity } from './employer.entity';
import { PersonEntity } from './person.entity';
import { PolicyParameterEntity } from './policy-parameter.entity';
import { RegistrationNoticeEntity } from './registration-notice.entity';
import { RelationHistoryEntity } from './relation-history.entity';
import { RelationEntity } from './relation.entity';
import { SuspensionApplicationEntity } from './suspension-application.entity';

export {
  BatchJobEntity,
  CentralisedPeriodEntity,
  ConsentEntity,
  ContributionEntity,
  EmployerEntity,
  PersonEntity,
  PolicyParameterEntity,
  RegistrationNoticeEntity,
  RelationEntity,
  RelationHistoryEntity,
  SuspensionApplicationEntity,
};
export type { BatchJobKind, BatchJobStatus } from './batch-job.entity';

export const entities = [
  PersonEntity,
  EmployerEntity,
  RelationEntity,
  RelationHistoryEntity,
  ConsentEntity,
  ContributionEntity,
  SuspensionApplicationEntity,
  RegistrationNoticeEntity,
  CentralisedPeriodEntity,
  BatchJobEntity,
  PolicyParameterEntity,
];
