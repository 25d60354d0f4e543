import { runService } from '@yibao/shared';
import { configSchema, notificationService } from './service';

runService(configSchema, notificationService);
