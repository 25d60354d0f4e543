import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('GraphQL Code Generator', () => {
  it('each committed services/*/src/generated/graphql.ts matches its subgraph SDL (run `npm run codegen` when this fails)', () => {
    const json = execFileSync(process.execPath, [join(__dirname, 'codegen.js'), '--json'], { encoding: 'utf8' });
    const files = JSON.parse(json) as Record<string, string>;
    expect(Object.keys(files)).toHaveLength(4);
    for (const [path, content] of Object.entries(files)) {
      expect({ path, content: readFileSync(path, 'utf8') }).toEqual({ path, content });
    }
  });
});
