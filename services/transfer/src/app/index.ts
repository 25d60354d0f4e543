import { addWorkingDaysDetailed, type Clock, type Identity, type ServiceRuntime } from '@yibao/shared';
import { DeadlineScanner } from './alerts';
import { loadTransferConfig, type TransferConfig } from './config';
import { Projection } from './projection';
import { TransferQueries, createTransferLoaders, type TransferLoaders } from './queries';
import { Sealer } from './seal';
import { TransferService } from './transfer.service';

export interface Deadline {
  from: string;
  workingDays: number;
  dueOn: string;
  fallbackYears: number[];
}

export interface TransferApp {
  clock: Clock;
  config: TransferConfig;
  projection: Projection;
  transfers: TransferService;
  queries: TransferQueries;
  alerts: DeadlineScanner;
  sealer: Sealer;
  /** Fresh batch loaders for one request and its reader. */
  loaders(reader: Identity): TransferLoaders;
  /** T10: a step accepted on `from` is due on the n-th working day after it (day of acceptance = day 0). */
  deadline(from: string, workingDays: number): Deadline;
}

export function createTransferApp(
  runtime: ServiceRuntime,
  env: Record<string, string | undefined> = process.env,
): TransferApp {
  const config = loadTransferConfig(runtime.config, env);
  const sealer = new Sealer(config.seal);
  if (config.seal.development) runtime.logger.warn('transfer: sealing with the development key (not for production)');
  const projection = new Projection();
  return {
    clock: runtime.clock,
    config,
    projection,
    sealer,
    transfers: new TransferService(runtime, projection, sealer),
    queries: new TransferQueries(runtime, sealer),
    alerts: new DeadlineScanner(runtime, config.alertWindowDays),
    loaders: (reader) => createTransferLoaders(runtime.dataSource, reader),
    deadline: (from, workingDays) => {
      const r = addWorkingDaysDetailed(from, workingDays);
      return { from, workingDays, dueOn: r.date, fallbackYears: r.fallbackYears };
    },
  };
}

export { TransferError, TransferErrorCode, TRANSFER_ERRORS } from './errors';
export type { TransferLoaders } from './queries';
