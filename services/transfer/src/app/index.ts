import { addWorkingDaysDetailed, type Identity, type ServiceRuntime } from '@yibao/shared';
import { TransferEntity } from '../entities';
import { assertMayReadTransfersOf } from './access';

export interface Deadline {
  from: string;
  workingDays: number;
  dueOn: string;
  fallbackYears: number[];
}

export class TransferQueries {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** T10: a step accepted on `from` is due on the n-th working day after it (day of acceptance = day 0). */
  deadline(from: string, workingDays: number): Deadline {
    const r = addWorkingDaysDetailed(from, workingDays);
    return { from, workingDays, dueOn: r.date, fallbackYears: r.fallbackYears };
  }

  /** A person's transfers, oldest first; FORBIDDEN unless the reader may see them (see access.ts). */
  async transfersOf(personId: string, reader: Identity): Promise<TransferEntity[]> {
    assertMayReadTransfersOf(reader, personId);
    return this.runtime.dataSource
      .getRepository(TransferEntity)
      .find({ where: { personId }, order: { createdAt: 'ASC' } });
  }
}

export interface TransferApp {
  queries: TransferQueries;
}

export function createTransferApp(runtime: ServiceRuntime): TransferApp {
  return { queries: new TransferQueries(runtime) };
}
