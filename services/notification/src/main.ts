import { notification } from './service';

notification.main();
