import { runService } from '@yibao/shared';
import { benefitsService, configSchema } from './service';

runService(configSchema, benefitsService);
