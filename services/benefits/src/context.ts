import type { AppContext } from '@yibao/shared';
import type { BenefitsApp, BenefitsLoaders } from './app';

/** What every benefits resolver receives: the caller, the app, and this request's batch loaders. */
export interface BenefitsContext extends AppContext<BenefitsApp> {
  loaders: BenefitsLoaders;
}
