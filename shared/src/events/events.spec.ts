import { CONTRACTS } from './contracts';
import { buildEnvelope, cloudEventSchema } from './envelope';
import { asyncApiDocument, eventJsonSchemas } from './json-schema';
import { TOPICS } from './topics';

describe('event contracts', () => {
  it('every contract has a topic', () => {
    for (const name of Object.keys(CONTRACTS)) expect(TOPICS).toContain(name);
  });

  it('builds a valid CloudEvents 1.0 envelope keyed by subject', () => {
    const personId = '8f14e45f-ceea-467f-a8f5-2c6a3f1f7d11';
    const e = buildEnvelope({
      name: 'consent-signed',
      version: 1,
      service: 'enrollment',
      subject: personId,
      data: { a: 1 },
      correlationId: 'c-1',
    });
    expect(cloudEventSchema.parse(e)).toBeTruthy();
    expect(e).toMatchObject({
      specversion: '1.0',
      type: 'cn.yibao.consent-signed',
      source: 'urn:yibao:enrollment',
      subject: personId,
      dataschema: 'urn:yibao:events:consent-signed:v1',
      correlationid: 'c-1',
    });
  });

  it('rejects a payload that breaks its schema', () => {
    const bad = CONTRACTS['contribution-recorded'].schema.safeParse({ amountFen: 12.5 });
    expect(bad.success).toBe(false);
  });

  it('exports a JSON Schema per event and an AsyncAPI document', () => {
    const schemas = eventJsonSchemas();
    expect(Object.keys(schemas)).toHaveLength(Object.keys(CONTRACTS).length);
    const person = schemas['urn:yibao:events:person-registered:v1'] as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(person.properties).toHaveProperty('idNumber');
    expect(person.required).toContain('personId');
    const doc = asyncApiDocument() as { channels: Record<string, unknown> };
    expect(Object.keys(doc.channels)).toEqual(Object.keys(CONTRACTS));
  });
});
