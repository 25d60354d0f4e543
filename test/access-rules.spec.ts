import { unruledFieldsOfSdl } from '@yibao/shared';
import { parse } from 'graphql';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SUBGRAPHS, sdlOf } = require('../gateway/compose.js') as {
  SUBGRAPHS: Record<string, string>;
  sdlOf: (service: string) => string;
};

describe('every field of every subgraph declares who may resolve it (@access)', () => {
  it.each(Object.keys(SUBGRAPHS))('%s: every Query and Mutation field, and every entity field, has a rule', (name) => {
    const { unruled, ruled } = unruledFieldsOfSdl(parse(sdlOf(name)));
    expect(unruled).toEqual([]);
    expect(ruled).toBeGreaterThan(0);
  });
});
