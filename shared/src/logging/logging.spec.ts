import { Writable } from 'node:stream';
import { acceptCorrelationId, createLogger, currentCorrelationId, withCorrelation } from './index';

describe('correlation id', () => {
  it('is visible inside the scope, across awaits, and absent outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    await withCorrelation('abc-123', async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(currentCorrelationId()).toBe('abc-123');
    });
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('generates one when none is given', () => {
    withCorrelation(undefined, () => expect(currentCorrelationId()).toMatch(/^[0-9a-f-]{36}$/));
  });

  it("keeps a caller's id of letters, digits and ._:- up to 128 characters", () => {
    for (const id of ['abc-123', 'run1.sheet:2_x', 'a'.repeat(128), 'e3b0c442-98fc-1c14-9afb-f4c8996fb924'])
      expect(acceptCorrelationId(id)).toBe(id);
  });

  it('replaces an id that is too long, empty or carries other characters with a new one', () => {
    for (const id of ['a'.repeat(129), '', 'two words', 'line\nbreak', '"quoted"', '<script>', '身份证']) {
      const accepted = acceptCorrelationId(id);
      expect(accepted).not.toBe(id);
      expect(accepted).toMatch(/^[0-9a-f-]{36}$/);
    }
    withCorrelation('x'.repeat(500), () => expect(currentCorrelationId()).toMatch(/^[0-9a-f-]{36}$/));
  });

  it('is written on every log line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger('test-service', 'info', sink);
    withCorrelation('xyz', () => log.info('hello'));
    const line = JSON.parse(lines[0]!);
    expect(line.correlationId).toBe('xyz');
    expect(line.service).toBe('test-service');
  });
});
