import type { ServiceRuntime } from '@yibao/shared';
import { PersonService } from './person.service';

export interface EnrollmentApp {
  persons: PersonService;
}

export function createEnrollmentApp(runtime: ServiceRuntime): EnrollmentApp {
  return { persons: new PersonService(runtime) };
}
