import {
  badUserInput,
  bilingual,
  parseCreditCode,
  parseMobile,
  parseRegionCode,
  parseResidentId,
  type Bilingual,
  type FieldProblem,
  type ValidationResult,
} from '@yibao/shared';
import { z } from 'zod';
import type { InputProblem } from '../domain';

/**
 * Shape checks at the edge of the graph. GraphQL has already checked types, required fields, enums and dates (the
 * Date scalar); the schemas here check what is left of the shape — ids, text lengths, ranges, and the ID-number,
 * credit-code, region and mobile parsers of @yibao/shared — declaratively. Whether the input fits the rules (a
 * category of the other scheme, dates out of order) is the domain's validate* functions', which the application
 * services call, so the batch jobs and the CLI pass through them too.
 *
 * Texts travel structured: a parser's reason rides on its zod issue (`params.reason`), and a declarative check's
 * text is made from the field's label (`Labels`, keyed by argument path).
 */

/** How a field is named in the texts of its declarative checks: Chinese, and English with its article. */
export interface Label {
  zh: string;
  en: string;
  /** One text for every problem of the field (a number range). */
  always?: Bilingual;
}

export type Labels = Readonly<Record<string, Label>>;

export const label = (zh: string, en: string, always?: Bilingual): Label => ({ zh, en, always });

/** An argument schema with the labels its declarative checks speak with. */
export interface EdgeSchema<S extends z.ZodType = z.ZodType> {
  schema: S;
  labels: Labels;
}

export const edge = <S extends z.ZodType>(schema: S, labels: Labels): EdgeSchema<S> => ({ schema, labels });

type Ctx = z.RefinementCtx;

/**
 * Reports a parser's or a cross-field check's reason on the zod context, structured. The issue does not abort, so the
 * object's cross-field checks still run and every problem is reported at once.
 */
export function report(ctx: Ctx, reason: Bilingual, path: Array<string | number> = []): void {
  ctx.addIssue({ code: 'custom', path, message: reason.en, params: bilingual(reason), continue: true });
}

const required = (l: Label): Bilingual => ({ zh: `请填写${l.zh}`, en: `${l.en} is required` });
const tooLong = (l: Label, max: number): Bilingual => ({
  zh: `${l.zh}不能超过 ${max} 个字符`,
  en: `${l.en} has more than ${max} characters`,
});

/** The reason of one zod issue, in Chinese and English. */
export function reasonOf(issue: z.core.$ZodIssue, labels: Labels): Bilingual {
  const reason = issue.code === 'custom' ? (issue.params?.reason as Bilingual | undefined) : undefined;
  if (reason) return reason;
  const path = issue.path.map(String).join('.');
  const l = labels[path] ?? { zh: path, en: path };
  if (l.always) return l.always;
  switch (issue.code) {
    case 'invalid_format':
      return { zh: `${l.zh}编号格式不正确`, en: `${l.en} id is not a valid id` };
    case 'too_small':
      return required(l);
    case 'too_big':
      return tooLong(l, Number(issue.maximum));
    default:
      return { zh: `${l.zh}格式不正确`, en: `${l.en}: ${issue.message}` };
  }
}

/**
 * Parses a resolver's whole argument object; failure is one BAD_USER_INPUT listing every problem, each named by its
 * argument path (`input.regionCode`, `first`). When the shape is wrong the application is not called, so `domain`
 * (the operation's domain validate*, over the raw arguments) adds the problems it would have found: the caller still
 * sees every problem at once. A field the edge already faulted is not reported twice.
 */
export function parseArgs<S extends z.ZodType>(
  { schema, labels }: EdgeSchema<S>,
  args: unknown,
  domain?: (args: z.input<S>) => readonly InputProblem[],
): z.output<S> {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  const problems: FieldProblem[] = r.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    reason: reasonOf(issue, labels),
  }));
  if (domain) {
    const faulted = new Set(problems.map((p) => p.field));
    let more: readonly InputProblem[] = [];
    try {
      more = domain(args as z.input<S>);
    } catch {
      // arguments too malformed for the domain to read: the edge's problems are enough
    }
    problems.push(...more.filter((p) => !faulted.has(p.field)));
  }
  throw badUserInput(problems);
}

// ---------------------------------------------------------------------------------------------------------------------
// Building blocks

function parsed<T, O>(ctx: Ctx, result: ValidationResult<T>, pick: (value: T) => O, fallback: O): O {
  if (result.ok) return pick(result.value);
  report(ctx, result.reason);
  return fallback;
}

/** An id (8-4-4-4-12 hex, any version), lower-cased. */
export const id = z.string().trim().toLowerCase().pipe(z.guid());

/** Text that is required after trimming, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** Text that may be left out or blank (then null), at most `max` characters after trimming. */
export const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .pipe(z.string().max(max).nullable());

/** A trimmed string, or null when left out or blank. */
export const optional = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || null);

/** A region code that exists (统筹地区), normalised. */
export const region = z.string().transform((v, ctx) => parsed(ctx, parseRegionCode(v), (r) => r.code, v.trim()));

export const optionalRegion = optional.pipe(region.nullable());

/** A Tianjin district (1201xx, district level): where an employer or a district branch belongs. */
export const tianjinDistrict = z.string().transform((v, ctx) => {
  const r = parseRegionCode(v);
  if (!r.ok) {
    report(ctx, r.reason);
    return v.trim();
  }
  if (!/^1201\d\d$/.test(r.value.code) || r.value.level !== 'DISTRICT') {
    report(ctx, {
      zh: `${r.value.code}（${r.value.fullName}）不是本市的区，应为 1201xx 区级代码`,
      en: `${r.value.code} is not a Tianjin district; use a 1201xx district code`,
    });
  }
  return r.value.code;
});

/** A resident ID (居民身份证) with its check character verified; a birth date after `today` is refused. */
export const residentId = (today: string) =>
  z.string().transform((v, ctx) => parsed(ctx, parseResidentId(v, { today }), (r) => r.idNumber, v.trim()));

const RESIDENT_ID_LIKE = /^\d{17}/;

/** An ID number of any document: one that looks like a resident ID (17 digits first) has its check character verified. */
export const idNumber = (today: string) =>
  z.string().transform((raw, ctx) => {
    const v = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    if (RESIDENT_ID_LIKE.test(v)) return parsed(ctx, parseResidentId(v, { today }), (r) => r.idNumber, v);
    if (v === '') report(ctx, required(ID_NUMBER));
    else if (v.length > 40) report(ctx, tooLong(ID_NUMBER, 40));
    return v;
  });

const ID_NUMBER = label('证件号码', 'the ID number');

/** A unified social credit code (统一社会信用代码), check character verified. */
export const creditCode = z.string().transform((v, ctx) => parsed(ctx, parseCreditCode(v), (c) => c.code, v.trim()));

/** A mobile number, normalised; left out or blank is null. */
export const optionalMobile = optional.transform((v, ctx) =>
  v == null ? null : parsed(ctx, parseMobile(v), (m) => m, v),
);

/** Page size: 1 to 100, 20 when left out. */
export const first = z
  .int()
  .min(1)
  .max(100)
  .nullish()
  .transform((v) => v ?? 20);

export const FIRST_LABEL = label('每页条数', 'first', {
  zh: '每页条数应为 1 至 100',
  en: 'first must be between 1 and 100',
});

/** The domain's problems, named by argument path below `prefix` (`input.`). */
export const under = (prefix: string, problems: readonly InputProblem[]): InputProblem[] =>
  problems.map((p) => ({ field: prefix + p.field, reason: p.reason }));

/** The problems of a domain validation, none when it passed. */
export const problemsOf = (
  v: { ok: true } | { ok: false; problems: readonly InputProblem[] },
): readonly InputProblem[] => (v.ok ? [] : v.problems);
