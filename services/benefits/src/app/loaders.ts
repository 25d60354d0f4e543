import { rowLoader, type DataLoader } from '@yibao/shared';
import type { DataSource } from 'typeorm';
import { loadPersons, type PersonRecord } from './facts';

/**
 * Per-request loaders: the Person fields of N persons in one response cost one query per table, not N. Built for each
 * request (nothing cached across callers); the reader is checked before a record is read (BenefitQueries).
 */
export interface BenefitsLoaders {
  record: DataLoader<string, PersonRecord | null>;
}

export function createBenefitsLoaders(ds: DataSource): BenefitsLoaders {
  return {
    record: rowLoader(
      async (ids) => [...(await loadPersons(ds.manager, ids)).values()],
      (r) => r.personId,
    ),
  };
}
