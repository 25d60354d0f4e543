import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventDocs } from './docs';

describe('integrator documentation', () => {
  it('docs/events/ matches the zod contracts (run `npm run events:docs` when this fails)', () => {
    const dir = join(__dirname, '..', '..', '..', 'docs', 'events');
    const expected = eventDocs();
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
    for (const [name, content] of Object.entries(expected)) expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
  });
});
