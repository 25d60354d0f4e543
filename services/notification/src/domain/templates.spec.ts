import { CONTRACTS } from '@yibao/shared';
import { CONSUMED_EVENTS } from './plan';
import { TEMPLATES, catalogue, type MessageTemplate } from './templates';
import { placeholders, renderTemplate, usedVariables } from './render';

const template = (over: Partial<MessageTemplate> = {}): MessageTemplate => ({
  key: 'relation-resumed:IN_APP',
  event: 'relation-resumed',
  channel: 'IN_APP',
  variables: ['relation', 'effectiveDate'],
  urgent: false,
  title: { zh: '参保关系已恢复', en: 'Relation resumed' },
  body: {
    zh: '您的{relation}参保关系已于 {effectiveDate} 恢复。',
    en: 'Your {relation} relation is active from {effectiveDate}.',
  },
  ...over,
});

describe('templates as data', () => {
  it('N2: every template declares exactly the variables its texts use, in Chinese and English', () => {
    for (const t of TEMPLATES) {
      expect({ key: t.key, used: usedVariables(t).sort() }).toEqual({ key: t.key, used: [...t.variables].sort() });
      expect(t.title.zh && t.title.en && t.body.zh && t.body.en).toBeTruthy();
    }
  });

  it('N2: one template per event type and channel (a second in-app text of one event has its own purpose)', () => {
    const keys = TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of TEMPLATES) expect(t.key.startsWith(`${t.event}:${t.channel}`)).toBe(true);
    expect(() => catalogue([...TEMPLATES, TEMPLATES[0]!])).toThrow(/defined twice/);
  });

  it('N2: every consumed topic is an event of the contracts and has at least one template', () => {
    for (const event of CONSUMED_EVENTS) {
      expect(Object.keys(CONTRACTS)).toContain(event);
      expect(TEMPLATES.some((t) => t.event === event)).toBe(true);
    }
  });

  it('N1: SMS texts carry no signature (the sender puts 【SMS_SIGNATURE】 in front)', () => {
    for (const t of TEMPLATES.filter((x) => x.channel === 'SMS')) expect(t.body.zh).not.toMatch(/^【/);
  });
});

describe('rendering', () => {
  it('N2: fills both languages, a variable given once for both or once per language', () => {
    const r = renderTemplate(template(), {
      relation: { zh: '居民医保', en: 'resident scheme' },
      effectiveDate: '2026-05-01',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        title: { zh: '参保关系已恢复', en: 'Relation resumed' },
        body: {
          zh: '您的居民医保参保关系已于 2026-05-01 恢复。',
          en: 'Your resident scheme relation is active from 2026-05-01.',
        },
      },
    });
  });

  it('N2: a text using a variable its template does not declare is refused, naming it (an unknown variable)', () => {
    const bad = template({ body: { zh: '您的{relation}于 {effectiveDate} 恢复，{reasonText}', en: '{relation}' } });
    const r = renderTemplate(bad, { relation: '居民医保', effectiveDate: '2026-05-01' });
    expect(r).toEqual({
      ok: false,
      problems: [{ kind: 'UNKNOWN_VARIABLE', variable: 'reasonText' }],
      error: 'template relation-resumed:IN_APP: unknown {reasonText}',
    });
  });

  it('N2: a declared variable the event did not give is refused (a missing variable), every problem at once', () => {
    const r = renderTemplate(template({ body: { zh: '{x}{relation}', en: '{relation}' } }), { relation: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { kind: 'UNKNOWN_VARIABLE', variable: 'x' },
      { kind: 'MISSING_VARIABLE', variable: 'relation' },
      { kind: 'MISSING_VARIABLE', variable: 'effectiveDate' },
    ]);
  });

  it('N2: an empty text is a value (an optional sentence left out), and the spaces around it are tidied', () => {
    const t = template({ variables: ['a'], body: { zh: '好。{a}', en: 'Fine. {a}' }, title: { zh: 't', en: 't' } });
    expect(renderTemplate(t, { a: '' })).toMatchObject({ ok: true, value: { body: { zh: '好。', en: 'Fine.' } } });
  });

  it('N1: an ID number or a mobile number that reaches a text through any variable is masked', () => {
    const t = template({ variables: ['reason'], body: { zh: '原因：{reason}', en: 'why: {reason}' } });
    const r = renderTemplate(t, { reason: '经办人核对 120104199001011234，联系电话 13912345678 / +86 139 1234 5678' });
    expect(r.ok && r.value.body.zh).toBe('原因：经办人核对 1201**********1234，联系电话 139****5678 / 139****5678');
  });

  it('finds the placeholders of a text once each, in order', () => {
    expect(placeholders('{a} {b} {a} {not-a-var}')).toEqual(['a', 'b']);
  });
});
