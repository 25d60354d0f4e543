import { isTianjinRegion, parseCreditCode } from '@yibao/shared';
import { z } from 'zod';
import type { NoticeCommand, RegisterRelationCommand, SuspendCommand } from '../app/relation.service';
import {
  EmployeeCategory,
  ResidentCategory,
  Scheme,
  SchoolLevel,
  SuspensionChannel,
  validateRegistration,
  validateRegistrationNotice,
  type Applicant,
} from '../domain';
import {
  creditCode,
  edge,
  id,
  idNumber,
  label,
  optional,
  optionalText,
  problemsOf,
  region,
  report,
  text,
  under,
} from './edge';

/** Shape of the relations' arguments (参保关系): registration, suspension (E15), corrections, notices (E5, E8). */

const scheme = z.enum(Scheme);
const employeeCategory = z.enum(EmployeeCategory).nullish();
const residentCategory = z.enum(ResidentCategory).nullish();
const PERSON = label('参保人', 'the person');
const TOO_LONG_UNIT_CODE = { zh: '单位编码不能超过 50 个字符', en: 'unitCode has more than 50 characters' };

const registerRelationInput = z.object({
  personId: id,
  scheme,
  employeeCategory,
  residentCategory,
  schoolLevel: z.enum(SchoolLevel).nullish(),
  expectedGraduation: z.string().nullish(),
  retired: z.boolean().nullish(),
  regionCode: region,
  unitCode: optional,
  unitName: optionalText(100),
  periodYear: z.number().nullish(),
  startDate: z.string(),
  endDate: z.string().nullish(),
  backPayment: z.boolean().nullish(),
  channel: z.enum(SuspensionChannel).nullish(),
});

type RawRegistration = z.input<typeof registerRelationInput>;

/** A Tianjin employer's staff name their employer by its credit code; any other unit code is free text. */
const isTianjinStaff = (v: { employeeCategory?: string | null; regionCode: string }) =>
  v.employeeCategory === 'EMPLOYER_STAFF' && isTianjinRegion(v.regionCode.trim());

/** registerRelation(input) */
export const registerRelationArgs = edge(
  z.object({
    input: registerRelationInput
      .superRefine((v, ctx) => {
        if (!v.unitCode) return;
        if (isTianjinStaff(v)) {
          const c = parseCreditCode(v.unitCode);
          if (!c.ok) report(ctx, c.reason, ['unitCode']);
        } else if (v.unitCode.length > 50) report(ctx, TOO_LONG_UNIT_CODE, ['unitCode']);
      })
      .transform((v): RegisterRelationCommand => ({
        personId: v.personId,
        scheme: v.scheme,
        employeeCategory: v.employeeCategory ?? null,
        residentCategory: v.residentCategory ?? null,
        schoolLevel: v.schoolLevel ?? null,
        expectedGraduation: v.expectedGraduation ?? null,
        retired: v.retired === true,
        regionCode: v.regionCode,
        unitCode: v.unitCode && isTianjinStaff(v) ? creditCode.parse(v.unitCode) : v.unitCode,
        unitName: v.unitName,
        periodYear: v.periodYear ?? null,
        startDate: v.startDate,
        endDate: v.endDate ?? null,
        backPayment: v.backPayment === true,
        channel: v.channel ?? null,
      })),
  }),
  { 'input.personId': PERSON, 'input.unitName': label('单位名称', 'unitName') },
);

/** registerRelation's domain check (validateRegistration), for reporting alongside shape problems. */
export const registerRelationDomain =
  (today: string) =>
  ({ input: v }: { input: RawRegistration }) =>
    under(
      'input.',
      problemsOf(
        validateRegistration(
          {
            scheme: v.scheme,
            employeeCategory: v.employeeCategory ?? null,
            residentCategory: v.residentCategory ?? null,
            schoolLevel: v.schoolLevel ?? null,
            expectedGraduation: v.expectedGraduation ?? null,
            retired: v.retired === true,
            regionCode: v.regionCode.trim(),
            unitCode: v.unitCode?.trim() || null,
            unitName: v.unitName ?? null,
            periodYear: v.periodYear ?? null,
            startDate: v.startDate,
            endDate: v.endDate ?? null,
            backPayment: v.backPayment === true,
          },
          today,
        ),
      ),
    );

/** applySuspension(input) — E15: staff name the applicant, the person or the employer (by its credit code). */
export const applySuspensionArgs = edge(
  z.object({
    input: z
      .object({
        relationId: id,
        channel: z.enum(SuspensionChannel),
        applicant: z
          .object({ kind: z.enum(['PERSON', 'EMPLOYER']), personId: optional.pipe(id.nullable()), unitCode: optional })
          .superRefine((a, ctx) => {
            if (a.kind === 'PERSON') {
              if (!a.personId)
                report(ctx, { zh: '请填写申请人（参保人）', en: 'name the applying person' }, ['personId']);
              if (a.unitCode) {
                report(ctx, { zh: '本人申请不填写单位编码', en: 'a person applying has no unitCode' }, ['unitCode']);
              }
            } else {
              if (!a.unitCode) {
                report(
                  ctx,
                  { zh: '请填写申请单位的统一社会信用代码', en: "enter the applying employer's credit code" },
                  ['unitCode'],
                );
              } else {
                const c = parseCreditCode(a.unitCode);
                if (!c.ok) report(ctx, c.reason, ['unitCode']);
              }
              if (a.personId) {
                report(ctx, { zh: '单位申请不填写参保人', en: 'an employer applying has no personId' }, ['personId']);
              }
            }
          })
          .nullish(),
      })
      .transform((v): SuspendCommand => {
        const a = v.applicant;
        let applicant: Applicant | null = null;
        if (a?.kind === 'PERSON' && a.personId) applicant = { kind: 'PERSON', personId: a.personId };
        if (a?.kind === 'EMPLOYER' && a.unitCode)
          applicant = { kind: 'EMPLOYER', unitCode: creditCode.parse(a.unitCode) };
        return { relationId: v.relationId, channel: v.channel, applicant };
      }),
  }),
  { 'input.relationId': label('参保关系', 'the relation'), 'input.applicant.personId': PERSON },
);

/** resumeRelation(id, reason), terminateRelation(id, reason) */
export const relationChangeArgs = edge(
  z
    .object({ id, reason: z.object({ zh: text(500), en: optionalText(500) }) })
    .transform((v) => ({ id: v.id, reason: { zh: v.reason.zh, en: v.reason.en ?? v.reason.zh } })),
  {
    id: label('参保关系', 'the relation'),
    'reason.zh': label('原因', 'the reason'),
    'reason.en': label('英文原因', 'the English reason'),
  },
);

const noticeRegistration = z.object({
  scheme,
  employeeCategory,
  residentCategory,
  regionCode: region,
  unitCode: optionalText(50),
  unitName: optionalText(100),
  periodYear: z.number().nullish(),
  startDate: z.string(),
  registeredOn: z.string().nullish(),
});

/** recordRegistrationNotice(input) — E5, E8: the national platform's notice of a registration elsewhere. */
export const registrationNoticeArgs = (today: string) =>
  edge(
    z.object({
      input: z
        .object({ externalId: text(100), idNumber: idNumber(today), registration: noticeRegistration })
        .transform((v): NoticeCommand => ({
          externalId: v.externalId,
          idNumber: v.idNumber,
          notice: {
            ...v.registration,
            employeeCategory: v.registration.employeeCategory ?? null,
            residentCategory: v.registration.residentCategory ?? null,
            periodYear: v.registration.periodYear ?? null,
            registeredOn: v.registration.registeredOn ?? null,
          },
        })),
    }),
    {
      'input.externalId': label('通知编号', 'externalId'),
      'input.registration.unitCode': label('单位编码', 'unitCode'),
      'input.registration.unitName': label('单位名称', 'unitName'),
    },
  );

/** recordRegistrationNotice's domain check (validateRegistrationNotice), for reporting alongside shape problems. */
export const registrationNoticeDomain =
  (today: string) =>
  ({ input }: { input: { registration: z.input<typeof noticeRegistration> } }) => {
    const r = input.registration;
    return problemsOf(
      validateRegistrationNotice(
        {
          ...r,
          regionCode: r.regionCode.trim(),
          employeeCategory: r.employeeCategory ?? null,
          residentCategory: r.residentCategory ?? null,
          unitCode: r.unitCode ?? null,
          unitName: r.unitName ?? null,
        },
        today,
        'input.registration.',
      ),
    );
  };
