import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

/** The correlation id follows one request or one consumed event through every log line and emitted event. */
const correlation = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

export function withCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return correlation.run({ correlationId: correlationId ?? randomUUID() }, fn);
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
