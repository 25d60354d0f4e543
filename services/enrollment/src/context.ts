import type { AppContext } from '@yibao/shared';
import type { EnrollmentApp, EnrollmentLoaders } from './app';

/** What every enrollment resolver receives: the caller, the app, and this request's batch loaders. */
export interface EnrollmentContext extends AppContext<EnrollmentApp> {
  loaders: EnrollmentLoaders;
}
