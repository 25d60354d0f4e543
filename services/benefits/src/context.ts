import type { RequestContext } from '@yibao/shared';
import type { BenefitsApp } from './app';

export interface BenefitsContext extends RequestContext {
  app: BenefitsApp;
}
