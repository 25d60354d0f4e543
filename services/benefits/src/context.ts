import type { AppContext } from '@yibao/shared';
import type { BenefitsApp } from './app';

export type BenefitsContext = AppContext<BenefitsApp>;
