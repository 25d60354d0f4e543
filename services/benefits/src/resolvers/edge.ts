import { badUserInput, type FieldProblem } from '@yibao/shared';
import { z } from 'zod';

/**
 * Shape checks at the edge of the graph: GraphQL has checked types, enums and dates (the Date scalar); what is left
 * is ids and texts. Ranges of dates and whether a person or transfer is known are the application's.
 */
export const id = z.string().trim().toLowerCase().pipe(z.guid());

const LABELS: Record<string, { zh: string; en: string }> = {
  id: { zh: '参保人编号', en: 'the person id' },
  'input.personId': { zh: '参保人编号', en: 'the person id' },
  'input.transferId': { zh: '转移接续编号', en: 'the transfer id' },
  'input.source': { zh: '政策依据文件', en: 'the source document' },
  'input.reason': { zh: '调整原因', en: 'the reason' },
  'input.name': { zh: '参数名称', en: 'the parameter name' },
  'input.note': { zh: '说明', en: 'the note' },
};

export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  const problems: FieldProblem[] = r.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'input';
    const l = LABELS[field] ?? { zh: field, en: field };
    const reason =
      issue.code === 'invalid_format'
        ? { zh: `${l.zh}格式不正确`, en: `${l.en} is not a valid id` }
        : issue.code === 'too_small'
          ? { zh: `请填写${l.zh}`, en: `${l.en} is required` }
          : issue.code === 'too_big'
            ? { zh: `${l.zh}过长`, en: `${l.en} is too long` }
            : { zh: `${l.zh}格式不正确`, en: `${l.en}: ${issue.message}` };
    return { field, reason };
  });
  throw badUserInput(problems);
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const personArgs = z.object({ id });

export const setParameterArgs = z.object({
  input: z.object({
    name: text(100),
    value: z.number(),
    effectiveFrom: z.string(),
    source: text(500),
    basis: z.enum(['NATIONAL', 'TIANJIN', 'PENDING_TIANJIN']),
    note: z
      .string()
      .nullish()
      .transform((v) => v?.trim() || null)
      .pipe(z.string().max(1000).nullable()),
    reason: text(500),
  }),
});

export const infoSheetArgs = z.object({
  input: z.object({
    transferId: id,
    periods: z.array(
      z.object({
        scheme: z.enum(['EMPLOYEE', 'RESIDENT']),
        regionCode: z.string().trim(),
        from: z.string(),
        to: z.string(),
      }),
    ),
  }),
});

export const quoteArgs = z.object({
  input: z.object({
    personId: id,
    startDate: z.string(),
    paidOn: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    residentCategory: z
      .enum(['SCHOOL', 'VILLAGE', 'WELFARE_INSTITUTION', 'HOUSEHOLD', 'NEWBORN'])
      .nullish()
      .transform((v) => v ?? null),
    inCentralisedPeriod: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
  }),
});
