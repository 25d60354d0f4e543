import type { Clock, Identity, ServiceRuntime } from '@yibao/shared';
import { createBatchJobs, type BatchJobs } from '../jobs/batch-jobs';
import { ConsentService } from './consent.service';
import { ContributionService } from './contribution.service';
import { EmployerService } from './employer.service';
import { createEnrollmentLoaders, type EnrollmentLoaders } from './loaders';
import { PersonService } from './person.service';
import { PolicyService } from './policy.service';
import { EnrollmentQueries } from './queries';
import { RelationService } from './relation.service';

export interface EnrollmentApp {
  clock: Clock;
  persons: PersonService;
  relations: RelationService;
  consents: ConsentService;
  contributions: ContributionService;
  employers: EmployerService;
  policy: PolicyService;
  queries: EnrollmentQueries;
  jobs: BatchJobs;
  /** Fresh batch loaders for one request and its reader. */
  loaders(reader: Identity): EnrollmentLoaders;
}

export function createEnrollmentApp(runtime: ServiceRuntime): EnrollmentApp {
  return {
    clock: runtime.clock,
    persons: new PersonService(runtime),
    relations: new RelationService(runtime),
    consents: new ConsentService(runtime),
    contributions: new ContributionService(runtime),
    employers: new EmployerService(runtime),
    policy: new PolicyService(runtime),
    queries: new EnrollmentQueries(runtime),
    jobs: createBatchJobs(runtime),
    loaders: (reader) => createEnrollmentLoaders(runtime.dataSource, reader),
  };
}

export { EnrollmentError, EnrollmentErrorCode } from './errors';
export type { EnrollmentLoaders } from './loaders';
