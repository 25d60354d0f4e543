import { main } from './service';

main();
