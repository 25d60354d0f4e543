import { enrollment } from './service';

enrollment.main();
