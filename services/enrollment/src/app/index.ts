import type { ServiceRuntime } from '@yibao/shared';
import { createBatchJobs, type BatchJobs } from '../jobs/batch-jobs';
import { systemClock, type Clock } from './clock';
import { ConsentService } from './consent.service';
import { ContributionService } from './contribution.service';
import { EmployerService } from './employer.service';
import { PersonService } from './person.service';
import { EnrollmentQueries } from './queries';
import { RelationService } from './relation.service';

export interface EnrollmentApp {
  clock: Clock;
  persons: PersonService;
  relations: RelationService;
  consents: ConsentService;
  contributions: ContributionService;
  employers: EmployerService;
  queries: EnrollmentQueries;
  jobs: BatchJobs;
}

export function createEnrollmentApp(runtime: ServiceRuntime, clock: Clock = systemClock): EnrollmentApp {
  return {
    clock,
    persons: new PersonService(runtime, clock),
    relations: new RelationService(runtime, clock),
    consents: new ConsentService(runtime),
    contributions: new ContributionService(runtime, clock),
    employers: new EmployerService(runtime),
    queries: new EnrollmentQueries(runtime),
    jobs: createBatchJobs(runtime, clock),
  };
}

export type { Clock } from './clock';
export { fixedClock, systemClock } from './clock';
export { EnrollmentError, EnrollmentErrorCode } from './errors';
