import { runService } from '@yibao/shared';
import { configSchema, transferService } from './service';

runService(configSchema, transferService);
