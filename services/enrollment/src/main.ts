import { runService } from '@yibao/shared';
import { configSchema, enrollmentService } from './service';

runService(configSchema, enrollmentService);
