import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { composeSupergraph, SUPERGRAPH_PATH } = require('../compose.js') as {
  composeSupergraph: () => string;
  SUPERGRAPH_PATH: string;
};

describe('supergraph', () => {
  it('the committed gateway/supergraph.graphql matches the subgraph SDLs (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });
});
