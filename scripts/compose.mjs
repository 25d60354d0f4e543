// npm run compose — writes gateway/supergraph.graphql from the subgraph SDLs.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { composeSupergraph, SUPERGRAPH_PATH } = require('../gateway/compose.js');

writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
console.log(`supergraph written to ${SUPERGRAPH_PATH}`);
