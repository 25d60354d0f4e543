import { Writable } from 'node:stream';
import { createLogger, currentCorrelationId, withCorrelation } from './index';

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
