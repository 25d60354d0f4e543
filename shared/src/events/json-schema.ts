import { z } from 'zod';
import { CONTRACTS } from './contracts';
import { cloudEventSchema, dataSchemaUri, eventType } from './envelope';

/** JSON Schema (draft 2020-12) of each event's data, keyed by dataschema URI: what integrators validate against. */
export function eventJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of Object.values(CONTRACTS)) {
    out[dataSchemaUri(c.name, c.version)] = {
      $id: dataSchemaUri(c.name, c.version),
      title: c.name,
      description: c.description,
      ...z.toJSONSchema(c.schema),
    };
  }
  return out;
}

/** An AsyncAPI 3.0 document for integrators, generated from the same zod contracts. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const c of Object.values(CONTRACTS)) {
    messages[c.name] = {
      name: eventType(c.name),
      title: c.name,
      summary: c.description,
      contentType: 'application/cloudevents+json',
      headers: { type: 'object', properties: { 'ce-type': { const: eventType(c.name) } } },
      payload: {
        ...z.toJSONSchema(cloudEventSchema.extend({ data: c.schema })),
      },
      bindings: { kafka: { key: { type: 'string', description: "person id: one person's events keep their order" } } },
    };
    channels[c.name] = { address: c.name, messages: { [c.name]: { $ref: `#/components/messages/${c.name}` } } };
    operations[`receive-${c.name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${c.name}` },
      summary: `Published by ${c.producer} (dataschema ${dataSchemaUri(c.name, c.version)})`,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'yibao events',
      version: '1.0.0',
      description:
        'Events of the Tianjin medical insurance enrollment linking and transfer system. Every message value is a ' +
        'CloudEvents 1.0 JSON envelope; the key is the person id.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
