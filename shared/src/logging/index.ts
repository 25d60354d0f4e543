import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

/** The correlation id follows one request or one consumed event through every log line and emitted event. */
const correlation = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

/** What a caller may send as its correlation id: up to 128 letters, digits and `._:-` (no spaces, quotes or newlines). */
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The correlation id to use for what a caller sent: theirs when it is acceptable, otherwise a new one. It is copied
 * into log lines, outbox events (CloudEvents `correlationid`) and the audit log, so an unbounded or odd value from
 * outside (a header) is not taken as it is.
 */
export function acceptCorrelationId(sent: string | null | undefined): string {
  return sent && ACCEPTABLE_CORRELATION_ID.test(sent) ? sent : randomUUID();
}

export function withCorrelation<T>(correlationId: string | null | undefined, fn: () => T): T {
  return correlation.run({ correlationId: acceptCorrelationId(correlationId) }, fn);
}

export function createLogger(
  service: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    mixin: () => {
      const id = currentCorrelationId();
      return id ? { correlationId: id } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
