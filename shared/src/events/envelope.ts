import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** CloudEvents 1.0 structured-mode JSON envelope, as integrators receive it on every topic. */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().uuid(),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1),
  /** CloudEvents extension: the correlation id of the request or event that caused this one. */
  correlationid: z.string().optional(),
  data: z.unknown(),
});
export type CloudEvent<T = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: T };

export const EVENT_TYPE_PREFIX = 'cn.yibao.';
export const SOURCE_PREFIX = 'urn:yibao:';

export function eventType(name: string): string {
  return `${EVENT_TYPE_PREFIX}${name}`;
}

export function dataSchemaUri(name: string, version: number): string {
  return `urn:yibao:events:${name}:v${version}`;
}

export interface EnvelopeInput<T> {
  name: string;
  version: number;
  service: string;
  subject: string;
  data: T;
  correlationId?: string;
  id?: string;
  time?: Date;
}

export function buildEnvelope<T>(input: EnvelopeInput<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: `${SOURCE_PREFIX}${input.service}`,
    type: eventType(input.name),
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(input.name, input.version),
    ...(input.correlationId ? { correlationid: input.correlationId } : {}),
    data: input.data,
  };
}
