import type { RequestContext } from '@yibao/shared';
import type { EnrollmentApp } from './app';

export interface EnrollmentContext extends RequestContext {
  app: EnrollmentApp;
}
