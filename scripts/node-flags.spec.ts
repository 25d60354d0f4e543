import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const flags = (JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8')) as { services: string[] })
  .services;

describe('V8 heap limits of the services (scripts/node-flags.json)', () => {
  it('the Docker image starts every process with the same flags as npm run stack and the bench', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(/^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile)?.[1]).toBe(flags.join(' '));
  });

  it('caps the old space and the semi-space, each to a size Node accepts', () => {
    expect(flags.some((f) => /^--max-old-space-size=\d+$/.test(f))).toBe(true);
    expect(flags.some((f) => /^--max-semi-space-size=\d+$/.test(f))).toBe(true);
  });
});
