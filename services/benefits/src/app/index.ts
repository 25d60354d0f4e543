import type { ServiceRuntime } from '@yibao/shared';
import { Assessment } from './assessment';
import { InfoSheets } from './info-sheet.service';
import { IngestService } from './ingest.service';
import { createBenefitsLoaders, type BenefitsLoaders } from './loaders';
import { PolicyParameters } from './parameters.service';
import { BenefitQueries } from './queries';
import { StatusSweep } from './status-sweep';

export interface BenefitsApp {
  parameters: PolicyParameters;
  queries: BenefitQueries;
  infoSheets: InfoSheets;
  ingest: IngestService;
  /** WAITING → COVERED when a waiting period ends (no event brings that day). */
  sweep: StatusSweep;
  /** Fresh batch loaders for one request. */
  loaders(): BenefitsLoaders;
}

export function createBenefitsApp(runtime: ServiceRuntime): BenefitsApp {
  const parameters = new PolicyParameters(runtime);
  const assessment = new Assessment(runtime, parameters);
  return {
    parameters,
    queries: new BenefitQueries(runtime, parameters),
    infoSheets: new InfoSheets(runtime),
    ingest: new IngestService(runtime, assessment),
    sweep: new StatusSweep(runtime),
    loaders: () => createBenefitsLoaders(runtime.dataSource, parameters),
  };
}

export type { BenefitsLoaders } from './loaders';
export type { AccountAnswer, BenefitStartView, ContinuityAnswer, RetirementAnswer } from './queries';
export { BenefitsError, BenefitsErrorCode, BENEFITS_ERRORS } from './errors';
