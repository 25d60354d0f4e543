import { asyncApiDocument, eventJsonSchemas } from './json-schema';

/** The files of docs/events/, generated from the zod contracts: path → content. */
export function eventDocs(): Record<string, string> {
  const files: Record<string, string> = {
    'asyncapi.json': `${JSON.stringify(asyncApiDocument(), null, 2)}\n`,
  };
  for (const [uri, schema] of Object.entries(eventJsonSchemas())) {
    const [, , , name, version] = uri.split(':');
    files[`${name}.${version}.schema.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
