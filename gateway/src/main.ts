import { loadConfigOrExit, createLogger, stopOnSignals } from '@yibao/shared';
import { gatewayConfigSchema } from './config';
import { startGateway } from './gateway';

const config = loadConfigOrExit(gatewayConfigSchema);
startGateway(config)
  .then((g) => stopOnSignals(g.stop, createLogger('gateway', config.LOG_LEVEL)))
  .catch((e) => {
    process.stderr.write(`gateway failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
