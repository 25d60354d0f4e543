import type { Bilingual } from '@yibao/shared';
import { z } from 'zod';
import type { ApplyCommand, ContactLetterReceivedCommand, InfoSheetInput } from '../app/transfer.service';

/**
 * Edge shape checks (GraphQL has checked types, enums and dates): ids, lengths, whole non-negative numbers. What needs
 * the rules — regions, directions, the pre-check — is decided in the application and the domain, so batch callers
 * and the platform adapter pass the same checks.
 */
/** Every edge text in both languages, structured: a check's zod message is its English text, looked up here. */
export const EDGE_TEXTS = new Map<string, Bilingual>();
function bi(zh: string, en: string): { message: string } {
  EDGE_TEXTS.set(en, { zh, en });
  return { message: en };
}

const id = z.uuid(bi('编号格式不正确', 'not a valid id'));
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, bi('不能为空', 'required'))
    .max(max, bi(`不能超过 ${max} 个字符`, `at most ${max} characters`));
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, bi(`不能超过 ${max} 个字符`, `at most ${max} characters`))
    .nullish()
    .transform((v) => (v ? v : null));
const wholeFen = z
  .number()
  .int(bi('金额应为整数（分）', 'the amount is whole fen'))
  .min(0, bi('金额不能为负数', 'the amount cannot be negative'));
const months = z
  .number()
  .int(bi('月数应为整数', 'months are whole'))
  .min(0, bi('月数不能为负数', 'months cannot be negative'))
  .max(1200, bi('月数过大', 'too many months'));
const region = z.string().trim();

const applicant = z
  .object({ kind: z.enum(['PERSON', 'EMPLOYER']), personId: id.nullish(), unitCode: optText(18) })
  .nullish();

const otherRegion = z
  .object({ status: z.enum(['ACTIVE', 'SUSPENDED', 'TERMINATED']), periodYear: z.number().int().nullish() })
  .nullish()
  .transform((o) => (o ? { status: o.status, periodYear: o.periodYear ?? null } : null));

function toApplicant(
  a: z.output<typeof applicant>,
  personId: string,
  path: string,
  ctx: z.RefinementCtx,
): ApplyCommand['applicant'] {
  if (!a) return null;
  if (a.kind === 'EMPLOYER') {
    if (!a.unitCode) {
      ctx.addIssue({ code: 'custom', path: [path, 'unitCode'], ...bi('请填写单位编码', 'unitCode is required') });
      return null;
    }
    return { kind: 'EMPLOYER', unitCode: a.unitCode };
  }
  return { kind: 'PERSON', personId: a.personId ?? personId };
}

export const applyArgs = z.object({
  input: z
    .object({
      personId: id,
      sourceRegion: region,
      destinationRegion: region,
      mode: z.enum(['POSTAL', 'ONLINE']),
      fromScheme: z.enum(['EMPLOYEE', 'RESIDENT']),
      toScheme: z.enum(['EMPLOYEE', 'RESIDENT']),
      channel: z.enum(['AGENCY_COUNTER', 'NATIONAL_PLATFORM', 'WEB_HALL', 'JIN_YIBAO_APP', 'POST']),
      applicant,
      veteran: z.boolean().nullish(),
      otherRegion,
      externalId: optText(100),
    })
    .transform((i, ctx): ApplyCommand => ({
      personId: i.personId.toLowerCase(),
      sourceRegion: i.sourceRegion,
      destinationRegion: i.destinationRegion,
      mode: i.mode,
      fromScheme: i.fromScheme,
      toScheme: i.toScheme,
      channel: i.channel,
      applicant: toApplicant(i.applicant, i.personId.toLowerCase(), 'applicant', ctx),
      veteran: i.veteran === true,
      otherRegion: i.otherRegion,
      externalId: i.externalId,
    })),
});

export const contactLetterReceivedArgs = z.object({
  input: z
    .object({
      personId: id,
      sourceRegion: region,
      destinationRegion: region,
      fromScheme: z.enum(['EMPLOYEE', 'RESIDENT']),
      toScheme: z.enum(['EMPLOYEE', 'RESIDENT']),
      applicant,
      veteran: z.boolean().nullish(),
      otherRegion,
      letter: z.object({ letterNo: text(60), issuedOn: z.string(), issuingAgency: text(100), receivedOn: z.string() }),
    })
    .transform((i, ctx): ContactLetterReceivedCommand => ({
      personId: i.personId.toLowerCase(),
      sourceRegion: i.sourceRegion,
      destinationRegion: i.destinationRegion,
      fromScheme: i.fromScheme,
      toScheme: i.toScheme,
      applicant: toApplicant(i.applicant, i.personId.toLowerCase(), 'applicant', ctx),
      veteran: i.veteran === true,
      otherRegion: i.otherRegion,
      letter: i.letter,
    })),
});

const period = z.object({
  from: z.string(),
  to: z.string(),
  scheme: z.enum(['EMPLOYEE', 'RESIDENT']),
  regionCode: region,
  unitName: optText(100),
  months,
});

export const infoSheetInput = z
  .object({
    sheetNo: optText(60),
    issuedOn: z.string().nullish(),
    issuingAgencyName: optText(100),
    periods: z.array(period).max(100, bi('期间过多', 'too many periods')),
    actualMonths: months,
    deemedMonths: months,
    cumulativeMonths: months.nullish(),
    accountBalanceFen: wholeFen,
    note: optText(500),
  })
  .transform((s): InfoSheetInput => ({
    sheetNo: s.sheetNo,
    issuedOn: s.issuedOn ?? null,
    issuingAgencyName: s.issuingAgencyName,
    periods: s.periods.map((p) => ({ ...p, unitName: p.unitName })),
    actualMonths: s.actualMonths,
    deemedMonths: s.deemedMonths,
    cumulativeMonths: s.cumulativeMonths ?? null,
    accountBalanceFen: s.accountBalanceFen,
    note: s.note,
  }));

export const transferIdArgs = z.object({ transferId: id });
export const idArgs = z.object({ id });
export const infoSheetArgs = z.object({ transferId: id, infoSheet: infoSheetInput });
export const amountArgs = z.object({ transferId: id, amountFen: wholeFen });
export const sendInfoSheetArgs = z.object({ transferId: id, dispatchReference: optText(100) });
export const cancelArgs = z.object({ transferId: id, reason: z.object({ zh: text(500), en: text(500) }) });
export const dueArgs = z.object({
  district: z
    .string()
    .regex(/^1201\d\d$/, bi('区代码应为 1201xx', 'a district code is 1201xx'))
    .nullish()
    .transform((v) => v ?? null),
  withinWorkingDays: z
    .number()
    .int()
    .min(0)
    .max(60)
    .nullish()
    .transform((v) => v ?? 3),
  overdueOnly: z
    .boolean()
    .nullish()
    .transform((v) => v === true),
  first: z
    .number()
    .int()
    .min(1)
    .max(500)
    .nullish()
    .transform((v) => v ?? 100),
});
export const deadlineArgs = z.object({
  from: z.string(),
  workingDays: z
    .number()
    .int()
    .min(0, bi('工作日数应在 0 到 365 之间', 'workingDays must be between 0 and 365'))
    .max(365, bi('工作日数应在 0 到 365 之间', 'workingDays must be between 0 and 365')),
});
export const scanArgs = z.object({ on: z.string().nullish() });
export const documentArgs = z.object({ kind: z.enum(['CONTACT_LETTER', 'INFO_SHEET']) });
