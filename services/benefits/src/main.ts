import { benefits } from './service';

benefits.main();
