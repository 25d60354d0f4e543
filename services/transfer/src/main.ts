import { transfer } from './service';

transfer.main();
