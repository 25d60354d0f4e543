import { maskSensitive } from '@yibao/shared';
import type { MessageTemplate, Text } from './templates';

/** A variable's value: one text for both languages (a date, a masked number) or one per language. */
export type Variables = Readonly<Record<string, string | Text | null | undefined>>;

export interface Rendered {
  title: Text;
  body: Text;
}

export interface RenderProblem {
  kind: 'UNKNOWN_VARIABLE' | 'MISSING_VARIABLE';
  variable: string;
}

export type RenderResult = { ok: true; value: Rendered } | { ok: false; problems: RenderProblem[]; error: string };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The variable names a text uses, in order of first use. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Every variable a template's texts use (title and body, both languages). */
export function usedVariables(template: MessageTemplate): string[] {
  const { title, body } = template;
  return [...new Set([title.zh, title.en, body.zh, body.en].flatMap(placeholders))];
}

/**
 * Fills a template. Refused, with every problem named, when a text uses a variable the template does not declare
 * (UNKNOWN_VARIABLE: a template edited wrongly) or a declared variable has no value (MISSING_VARIABLE: the event did
 * not give it). Identity and mobile numbers are masked in the result, whatever variable or free text brought them.
 */
export function renderTemplate(template: MessageTemplate, variables: Variables): RenderResult {
  const declared = new Set(template.variables);
  const problems: RenderProblem[] = [
    ...usedVariables(template)
      .filter((v) => !declared.has(v))
      .map((variable) => ({ kind: 'UNKNOWN_VARIABLE' as const, variable })),
    ...template.variables
      .filter((v) => variables[v] === undefined || variables[v] === null)
      .map((variable) => ({ kind: 'MISSING_VARIABLE' as const, variable })),
  ];
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.kind === 'UNKNOWN_VARIABLE' ? 'unknown' : 'missing'} {${p.variable}}`);
    return { ok: false, problems, error: `template ${template.key}: ${list.join(', ')}` };
  }
  const fill = (text: string, lang: keyof Text) =>
    maskSensitive(
      text
        .replace(PLACEHOLDER, (_, name: string) => {
          const v = variables[name]!;
          return typeof v === 'string' ? v : v[lang];
        })
        .replace(/ {2,}/g, ' ')
        .trim(),
    );
  return {
    ok: true,
    value: {
      title: { zh: fill(template.title.zh, 'zh'), en: fill(template.title.en, 'en') },
      body: { zh: fill(template.body.zh, 'zh'), en: fill(template.body.en, 'en') },
    },
  };
}
