import { rowLoader, type DataLoader } from '@yibao/shared';
import type { DataSource } from 'typeorm';
import type { ParameterVersion } from '../domain';
import { loadPersonsConsistently, type PersonRecord } from './facts';
import type { PolicyParameters } from './parameters.service';

/**
 * Per-request loaders: the Person fields of N persons in one response cost one query per table, not N, and the
 * parameter versions of one date are read once. Built for each request (nothing cached across callers); the reader
 * is checked before a record is read (BenefitQueries).
 */
export interface BenefitsLoaders {
  record: DataLoader<string, PersonRecord | null>;
  /** The parameter versions in force on a date. */
  parameters: { load(on: string): Promise<ParameterVersion[]> };
}

export function createBenefitsLoaders(ds: DataSource, parameters: PolicyParameters): BenefitsLoaders {
  const byDate = new Map<string, Promise<ParameterVersion[]>>();
  return {
    record: rowLoader(
      async (ids) => [...(await loadPersonsConsistently(ds, ids)).values()],
      (r) => r.personId,
    ),
    parameters: {
      load: (on) => {
        let p = byDate.get(on);
        if (!p) byDate.set(on, (p = parameters.versions(on)));
        return p;
      },
    },
  };
}
