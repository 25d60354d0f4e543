import {
  bi,
  isTianjinRegion,
  parseCreditCode,
  parseMobile,
  parseRegionCode,
  parseResidentId,
  type Reason,
} from '@yibao/shared';
import { z } from 'zod';
import type { RecordContributionCommand } from '../app/contribution.service';
import type { SignConsentCommand } from '../app/consent.service';
import type { RegisterEmployerCommand } from '../app/employer.service';
import type { RegisterPersonCommand } from '../app/person.service';
import type { PersonSearch, EmployerSearch } from '../app/queries';
import type { NoticeCommand, RegisterRelationCommand, SuspendCommand } from '../app/relation.service';
import {
  EmployeeCategory,
  ResidentCategory,
  Scheme,
  SchoolLevel,
  SuspensionChannel,
  validateConsent,
  type Applicant,
} from '../domain';

/**
 * Edge validation of every argument of the graph. GraphQL has already checked types, required fields, enums and
 * dates (the Date scalar); what is checked here is everything else, in one pass, so that a clerk sees every problem
 * at once (BAD_USER_INPUT, one entry per field, in Chinese and English) and nothing is written. Each schema parses the
 * whole argument object, so problem paths are the argument paths (`input.regionCode`, `first`, `reason.zh`).
 */

type Path = Array<string | number>;

/** Collects problems on the zod context; helpers return the normalised value, or null after reporting. */
class Problems {
  constructor(private readonly ctx: z.core.$RefinementCtx) {}

  add(path: Path, zh: string, en: string): void {
    this.ctx.addIssue({ code: 'custom', path, message: bi(zh, en) });
  }

  reason(path: Path, r: Reason): void {
    this.add(path, r.zh, r.en);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESIDENT_ID_LIKE = /^\d{17}/;
const yearOf = (date: string): number => Number(date.slice(0, 4));

const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
const optInt = z.number().nullish();

function idAt(p: Problems, path: Path, value: string, zh: string, en: string): string {
  const v = value.trim();
  if (!UUID.test(v)) p.add(path, `${zh}编号格式不正确`, `${en} id is not a valid id`);
  return v.toLowerCase();
}

function textAt(p: Problems, path: Path, value: string, max: number, zh: string, en: string): string {
  const v = value.trim();
  if (v === '') p.add(path, `请填写${zh}`, `${en} is required`);
  else if (v.length > max) p.add(path, `${zh}不能超过 ${max} 个字符`, `${en} has more than ${max} characters`);
  return v;
}

function optionalTextAt(
  p: Problems,
  path: Path,
  value: string | null | undefined,
  max: number,
  zh: string,
  en: string,
): string | null {
  const v = value?.trim() ?? '';
  if (v === '') return null;
  if (v.length > max) p.add(path, `${zh}不能超过 ${max} 个字符`, `${en} has more than ${max} characters`);
  return v;
}

function regionAt(p: Problems, path: Path, value: string): string {
  const r = parseRegionCode(value);
  if (!r.ok) {
    p.reason(path, r.reason);
    return value.trim();
  }
  return r.value.code;
}

/** A Tianjin district (1201xx, district level): where an employer or a district branch belongs. */
function tianjinDistrictAt(p: Problems, path: Path, value: string): string {
  const r = parseRegionCode(value);
  if (!r.ok) {
    p.reason(path, r.reason);
    return value.trim();
  }
  if (!/^1201\d\d$/.test(r.value.code) || r.value.level !== 'DISTRICT') {
    p.add(
      path,
      `${r.value.code}（${r.value.fullName}）不是本市的区，应为 1201xx 区级代码`,
      `${r.value.code} is not a Tianjin district; use a 1201xx district code`,
    );
  }
  return r.value.code;
}

function residentIdAt(p: Problems, path: Path, value: string, today: string): string {
  const r = parseResidentId(value, { today });
  if (!r.ok) {
    p.reason(path, r.reason);
    return value.trim();
  }
  return r.value.idNumber;
}

/** An ID number of any document: a resident ID (17 digits first) has its check character verified. */
function idNumberAt(p: Problems, path: Path, value: string, today: string): string {
  const v = value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (RESIDENT_ID_LIKE.test(v)) return residentIdAt(p, path, v, today);
  return textAt(p, path, v, 40, '证件号码', 'the ID number');
}

function creditCodeAt(p: Problems, path: Path, value: string): string {
  const r = parseCreditCode(value);
  if (!r.ok) {
    p.reason(path, r.reason);
    return value.trim();
  }
  return r.value.code;
}

function firstAt(p: Problems, value: number | null | undefined): number {
  const first = value ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    p.add(['first'], '每页条数应为 1 至 100', 'first must be between 1 and 100');
  }
  return first;
}

/** Names for messages: Chinese, and English with its article. */
const SCHEME_NAME: Record<Scheme, [string, string]> = {
  EMPLOYEE: ['职工医保', 'an employee'],
  RESIDENT: ['居民医保', 'a resident'],
};
const RESIDENT_CATEGORY_NAME: Record<ResidentCategory, [string, string]> = {
  SCHOOL: ['学校', 'a school'],
  VILLAGE: ['行政村（组）', 'a village group'],
  WELFARE_INSTITUTION: ['福利机构', 'a welfare institution'],
  HOUSEHOLD: ['家庭虚拟户', 'a household'],
  NEWBORN: ['新生儿', 'a newborn'],
};

/** Scheme ↔ category: EMPLOYEE has an employee category and no resident one; RESIDENT the other way round. */
function categoriesAt(
  p: Problems,
  at: Path,
  v: { scheme: Scheme; employeeCategory?: EmployeeCategory | null; residentCategory?: ResidentCategory | null },
): void {
  if (v.scheme === 'EMPLOYEE') {
    if (!v.employeeCategory) {
      p.add(
        [...at, 'employeeCategory'],
        '职工医保须填写参保类别（单位职工或灵活就业）',
        'an EMPLOYEE registration needs an employeeCategory (EMPLOYER_STAFF or FLEXIBLE)',
      );
    }
    if (v.residentCategory) {
      p.add(
        [...at, 'residentCategory'],
        '职工医保不应填写居民医保参保类别',
        'an EMPLOYEE registration has no residentCategory',
      );
    }
  } else {
    if (!v.residentCategory) {
      p.add(
        [...at, 'residentCategory'],
        '居民医保须填写参保类别（学校、行政村、福利机构、家庭或新生儿）',
        'a RESIDENT registration needs a residentCategory',
      );
    }
    if (v.employeeCategory) {
      p.add(
        [...at, 'employeeCategory'],
        '居民医保不应填写职工医保参保类别',
        'a RESIDENT registration has no employeeCategory',
      );
    }
  }
}

/**
 * The insurance year: by default the year of startDate. The domain keeps startDate inside periodYear, so a RESIDENT
 * registration for next year's scheme (made in the centralised period) starts on 1 January of that year.
 */
function periodAt(
  p: Problems,
  at: Path,
  scheme: Scheme,
  periodYear: number | null | undefined,
  startDate: string,
): { periodYear: number; startDate: string } {
  const year = yearOf(startDate);
  if (periodYear == null || periodYear === year) return { periodYear: year, startDate };
  if (scheme === 'RESIDENT' && periodYear === year + 1) return { periodYear, startDate: `${periodYear}-01-01` };
  if (scheme === 'RESIDENT') {
    p.add(
      [...at, 'periodYear'],
      `居民医保参保年度应为开始日期所在年度（${year}）或次年（${year + 1}），不能是 ${periodYear}`,
      `a RESIDENT periodYear is startDate's year (${year}) or the next (${year + 1}), not ${periodYear}`,
    );
  } else {
    p.add(
      [...at, 'periodYear'],
      `职工医保参保年度应为开始日期所在年度（${year}），不能是 ${periodYear}`,
      `an EMPLOYEE periodYear is startDate's year (${year}), not ${periodYear}`,
    );
  }
  return { periodYear: year, startDate };
}

const enums = {
  scheme: z.enum(Scheme),
  employeeCategory: z.enum(EmployeeCategory).nullish(),
  residentCategory: z.enum(ResidentCategory).nullish(),
  schoolLevel: z.enum(SchoolLevel).nullish(),
  channel: z.enum(SuspensionChannel),
};

// ---------------------------------------------------------------------------------------------------------------------
// Persons

const personFields = z.object({
  idType: z.enum([
    'RESIDENT_ID',
    'BIRTH_CERTIFICATE',
    'PASSPORT',
    'HK_MACAO_PERMIT',
    'TAIWAN_PERMIT',
    'FOREIGNER_PERMANENT_RESIDENCE',
  ]),
  idNumber: str,
  name: str,
  mobile: optStr,
  householdRegion: optStr,
  residenceRegion: optStr,
  schoolRegion: optStr,
  birthDate: optStr,
  gender: z.enum(['MALE', 'FEMALE']).nullish(),
});

/** registerPerson(input) */
export const registerPersonArgs = (today: string) =>
  z.object({
    input: personFields.transform((v, ctx): RegisterPersonCommand => {
      const p = new Problems(ctx);
      let idNumber = v.idNumber.trim().toUpperCase();
      let gender = v.gender ?? null;
      let birthDate = v.birthDate ?? null;
      if (v.idType === 'RESIDENT_ID') {
        const id = parseResidentId(v.idNumber, { today });
        if (id.ok) ({ idNumber, gender, birthDate } = id.value);
        else p.reason(['idNumber'], id.reason);
      } else {
        textAt(p, ['idNumber'], idNumber, 40, '证件号码', 'the ID number');
        if (!birthDate) p.add(['birthDate'], '非居民身份证须填写出生日期', 'birth date is required for this ID type');
        else if (birthDate > today) p.add(['birthDate'], '出生日期不能晚于今天', 'the birth date is after today');
      }
      const name = textAt(p, ['name'], v.name, 50, '姓名', 'the name');
      let mobile = v.mobile?.trim() || null;
      if (mobile) {
        const m = parseMobile(mobile);
        if (m.ok) mobile = m.value;
        else p.reason(['mobile'], m.reason);
      }
      const region = (field: 'householdRegion' | 'residenceRegion' | 'schoolRegion') => {
        const code = v[field]?.trim();
        return code ? regionAt(p, [field], code) : null;
      };
      return {
        idType: v.idType,
        idNumber,
        name,
        gender,
        birthDate,
        mobile,
        householdRegion: region('householdRegion'),
        residenceRegion: region('residenceRegion'),
        schoolRegion: region('schoolRegion'),
      };
    }),
  });

/** person(id), relation(id), employer(id) */
export const idArgs = z.object({ id: str }).transform((v, ctx) => ({
  id: idAt(new Problems(ctx), ['id'], v.id, '', 'the'),
}));

/** personByIdNumber(idNumber) */
export const personByIdNumberArgs = (today: string) =>
  z.object({ idNumber: str }).transform((v, ctx) => ({
    idNumber: idNumberAt(new Problems(ctx), ['idNumber'], v.idNumber, today),
  }));

/** persons(search, first, after) */
export const personsArgs = z
  .object({
    search: z.object({ text: optStr, householdRegion: optStr }).nullish(),
    first: optInt,
    after: optStr,
  })
  .transform((v, ctx): PersonSearch => {
    const p = new Problems(ctx);
    const code = v.search?.householdRegion?.trim();
    return {
      text: optionalTextAt(p, ['search', 'text'], v.search?.text, 50, '查询内容', 'the search text'),
      householdRegion: code ? regionAt(p, ['search', 'householdRegion'], code) : null,
      first: firstAt(p, v.first),
      after: v.after?.trim() || null,
    };
  });

/** recordNewbornId(personId, idNumber) — E14: the newborn's resident ID, check character verified. */
export const recordNewbornIdArgs = (today: string) =>
  z.object({ personId: str, idNumber: str }).transform((v, ctx) => {
    const p = new Problems(ctx);
    return {
      personId: idAt(p, ['personId'], v.personId, '参保人', 'the person'),
      idNumber: residentIdAt(p, ['idNumber'], v.idNumber, today),
    };
  });

// ---------------------------------------------------------------------------------------------------------------------
// Relations

const registerRelationFields = z.object({
  personId: str,
  scheme: enums.scheme,
  employeeCategory: enums.employeeCategory,
  residentCategory: enums.residentCategory,
  schoolLevel: enums.schoolLevel,
  expectedGraduation: optStr,
  retired: optBool,
  regionCode: str,
  unitCode: optStr,
  unitName: optStr,
  periodYear: optInt,
  startDate: str,
  endDate: optStr,
  backPayment: optBool,
  channel: enums.channel.nullish(),
});

/** registerRelation(input) */
export const registerRelationArgs = (today: string) =>
  z.object({
    input: registerRelationFields.transform((v, ctx): RegisterRelationCommand => {
      const p = new Problems(ctx);
      const personId = idAt(p, ['personId'], v.personId, '参保人', 'the person');
      const regionCode = regionAt(p, ['regionCode'], v.regionCode);
      if (regionCode.startsWith('12') && /^\d{6}$/.test(regionCode) && !isTianjinRegion(regionCode)) {
        p.add(
          ['regionCode'],
          `本市统筹地区代码应为 120000 或 1201xx，不能是 ${regionCode}`,
          'a Tianjin code is 120000 or 1201xx',
        );
      }
      categoriesAt(p, [], v);

      const retired = v.retired === true;
      if (retired && v.scheme !== 'EMPLOYEE') {
        p.add(['retired'], '只有职工医保参保人可为退休人员', 'only an EMPLOYEE registration can be a retiree');
      }
      const school = v.residentCategory === 'SCHOOL';
      if (v.schoolLevel && !school) {
        const [zh, en] = v.residentCategory ? RESIDENT_CATEGORY_NAME[v.residentCategory] : SCHEME_NAME[v.scheme];
        p.add(
          ['schoolLevel'],
          `学段只适用于学校参保，${zh}参保不应填写学段`,
          `a school level belongs only to a SCHOOL registration, not to ${en} registration`,
        );
      }
      if (school && !v.schoolLevel) {
        p.add(['schoolLevel'], '学校参保须填写学段', 'a SCHOOL registration needs its school level');
      }
      if (v.expectedGraduation && !school) {
        p.add(
          ['expectedGraduation'],
          '只有学校参保可填写学籍到期日',
          'expectedGraduation belongs only to a SCHOOL registration',
        );
      }

      const period = periodAt(p, [], v.scheme, v.periodYear, v.startDate);
      const endDate = v.endDate ?? null;
      if (endDate && endDate < period.startDate) {
        p.add(
          ['endDate'],
          `结束日期 ${endDate} 早于开始日期 ${period.startDate}`,
          `endDate ${endDate} is before startDate ${period.startDate}`,
        );
      }
      const expectedGraduation = v.expectedGraduation ?? null;
      if (expectedGraduation && expectedGraduation < period.startDate) {
        p.add(
          ['expectedGraduation'],
          `学籍到期日 ${expectedGraduation} 早于开始日期 ${period.startDate}`,
          `expectedGraduation ${expectedGraduation} is before startDate ${period.startDate}`,
        );
      }
      const backPayment = v.backPayment === true;
      if (backPayment) {
        if (v.scheme !== 'EMPLOYEE') {
          p.add(['backPayment'], '只有职工医保可以补缴', 'only an EMPLOYEE period can be a back-payment');
        }
        if (!endDate) p.add(['endDate'], '补缴须填写结束日期', 'a back-payment needs its endDate');
        else if (endDate >= today) {
          p.add(
            ['endDate'],
            `补缴期间应在今天（${today}）之前结束`,
            `a back-payment period ends before today (${today})`,
          );
        }
      }

      let unitCode = v.unitCode?.trim() || null;
      if (v.employeeCategory === 'EMPLOYER_STAFF' && isTianjinRegion(regionCode)) {
        if (!unitCode) {
          p.add(
            ['unitCode'],
            '本市单位职工须填写单位统一社会信用代码',
            'Tianjin employer staff need the employer credit code',
          );
        } else {
          unitCode = creditCodeAt(p, ['unitCode'], unitCode);
        }
      } else if (unitCode && unitCode.length > 50) {
        p.add(['unitCode'], '单位编码不能超过 50 个字符', 'unitCode has more than 50 characters');
      }

      return {
        personId,
        scheme: v.scheme,
        employeeCategory: v.employeeCategory ?? null,
        residentCategory: v.residentCategory ?? null,
        schoolLevel: v.schoolLevel ?? null,
        expectedGraduation,
        retired,
        regionCode,
        unitCode,
        unitName: optionalTextAt(p, ['unitName'], v.unitName, 100, '单位名称', 'unitName'),
        periodYear: period.periodYear,
        startDate: period.startDate,
        endDate,
        backPayment,
        channel: v.channel ?? null,
      };
    }),
  });

/** applySuspension(input) — E15 */
export const applySuspensionArgs = z.object({
  input: z
    .object({
      relationId: str,
      channel: enums.channel,
      applicant: z.object({ kind: z.enum(['PERSON', 'EMPLOYER']), personId: optStr, unitCode: optStr }).nullish(),
    })
    .transform((v, ctx): SuspendCommand => {
      const p = new Problems(ctx);
      const relationId = idAt(p, ['relationId'], v.relationId, '参保关系', 'the relation');
      let applicant: Applicant | null = null;
      const a = v.applicant;
      if (a?.kind === 'PERSON') {
        if (!a.personId) p.add(['applicant', 'personId'], '请填写申请人（参保人）', 'name the applying person');
        else
          applicant = {
            kind: 'PERSON',
            personId: idAt(p, ['applicant', 'personId'], a.personId, '参保人', 'the person'),
          };
        if (a.unitCode) {
          p.add(['applicant', 'unitCode'], '本人申请不填写单位编码', 'a person applying has no unitCode');
        }
      } else if (a?.kind === 'EMPLOYER') {
        if (!a.unitCode) {
          p.add(
            ['applicant', 'unitCode'],
            '请填写申请单位的统一社会信用代码',
            "enter the applying employer's credit code",
          );
        } else {
          applicant = { kind: 'EMPLOYER', unitCode: creditCodeAt(p, ['applicant', 'unitCode'], a.unitCode) };
        }
        if (a.personId) {
          p.add(['applicant', 'personId'], '单位申请不填写参保人', 'an employer applying has no personId');
        }
      }
      return { relationId, channel: v.channel, applicant };
    }),
});

/** resumeRelation(id, reason), terminateRelation(id, reason) */
export const relationChangeArgs = z
  .object({ id: str, reason: z.object({ zh: str, en: optStr }) })
  .transform((v, ctx) => {
    const p = new Problems(ctx);
    const zh = textAt(p, ['reason', 'zh'], v.reason.zh, 500, '原因', 'the reason');
    const en = optionalTextAt(p, ['reason', 'en'], v.reason.en, 500, '英文原因', 'the English reason');
    return { id: idAt(p, ['id'], v.id, '参保关系', 'the relation'), reason: { zh, en: en ?? zh } };
  });

/** recordRegistrationNotice(input) — E5, E8: the national platform's notice of a registration elsewhere. */
export const registrationNoticeArgs = (today: string) =>
  z.object({
    input: z
      .object({
        externalId: str,
        idNumber: str,
        registration: z.object({
          scheme: enums.scheme,
          employeeCategory: enums.employeeCategory,
          residentCategory: enums.residentCategory,
          regionCode: str,
          unitCode: optStr,
          unitName: optStr,
          periodYear: optInt,
          startDate: str,
        }),
      })
      .transform((v, ctx): NoticeCommand => {
        const p = new Problems(ctx);
        const r = v.registration;
        const at = ['registration'];
        const regionCode = regionAt(p, [...at, 'regionCode'], r.regionCode);
        if (regionCode.startsWith('12')) {
          p.add(
            [...at, 'regionCode'],
            '外省市参保通知的统筹地区不能是本市',
            'a notice of a registration elsewhere cannot name a Tianjin region',
          );
        }
        categoriesAt(p, at, r);
        const period = periodAt(p, at, r.scheme, r.periodYear, r.startDate);
        return {
          externalId: textAt(p, ['externalId'], v.externalId, 100, '通知编号', 'externalId'),
          idNumber: idNumberAt(p, ['idNumber'], v.idNumber, today),
          notice: {
            scheme: r.scheme,
            employeeCategory: r.employeeCategory ?? null,
            residentCategory: r.residentCategory ?? null,
            regionCode,
            unitCode: optionalTextAt(p, [...at, 'unitCode'], r.unitCode, 50, '单位编码', 'unitCode'),
            unitName: optionalTextAt(p, [...at, 'unitName'], r.unitName, 100, '单位名称', 'unitName'),
            periodYear: period.periodYear,
            startDate: period.startDate,
          },
        };
      }),
  });

// ---------------------------------------------------------------------------------------------------------------------
// Consents

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** signConsent(input) — E16: every problem of the form at once, with the domain's own consent check. */
export const signConsentArgs = z.object({
  input: z
    .object({
      personId: str,
      name: str,
      phone: str,
      originalUnitName: optStr,
      originalUnitCode: optStr,
      newUnitName: optStr,
      newUnitCode: optStr,
      promiseText: str,
      signature: str,
      channel: z.enum(['ONLINE', 'COUNTER']),
    })
    .transform((v, ctx): SignConsentCommand => {
      const p = new Problems(ctx);
      const personId = idAt(p, ['personId'], v.personId, '参保人', 'the person');
      let phone = v.phone.trim();
      let phoneReported = false;
      if (phone !== '') {
        const m = parseMobile(phone);
        if (m.ok) phone = m.value;
        else if (!LANDLINE.test(phone.replace(/\s+/g, ''))) {
          p.reason(['phone'], m.reason);
          phoneReported = true;
        } else phone = phone.replace(/\s+/g, '');
      }
      const command: SignConsentCommand = {
        personId,
        name: v.name.trim(),
        phone,
        originalUnitName: v.originalUnitName?.trim() || null,
        originalUnitCode: v.originalUnitCode?.trim() || null,
        newUnitName: v.newUnitName?.trim() || null,
        newUnitCode: v.newUnitCode?.trim() || null,
        promiseText: v.promiseText,
        signature: v.signature.trim(),
        channel: v.channel,
      };
      // The ID type, number and signing time come from the person and the clock, not from the form.
      const check = validateConsent(
        { ...command, id: 'new', idType: 'PASSPORT', idNumber: '-', signedAt: new Date().toISOString() },
        { requireAgencyFields: v.channel === 'COUNTER' },
      );
      if (!check.ok) {
        for (const problem of check.problems) {
          if (problem.field === 'phone' && phoneReported) continue;
          p.reason([problem.field], problem.reason);
        }
      }
      return command;
    }),
});

// ---------------------------------------------------------------------------------------------------------------------
// Contributions

/** recordContribution(input) — money in integer fen. */
export const recordContributionArgs = (today: string) =>
  z.object({
    input: z
      .object({
        personId: str,
        scheme: enums.scheme,
        employeeCategory: enums.employeeCategory,
        year: z.number(),
        kind: z.enum(['NORMAL', 'PREPAYMENT', 'BACK_PAYMENT']),
        amountFen: z.number(),
        paidOn: str,
      })
      .transform((v, ctx): RecordContributionCommand => {
        const p = new Problems(ctx);
        const personId = idAt(p, ['personId'], v.personId, '参保人', 'the person');
        if (!Number.isSafeInteger(v.amountFen) || v.amountFen < 0) {
          p.add(
            ['amountFen'],
            `缴费金额以分为单位，应为非负整数，不能是 ${v.amountFen}`,
            `the amount is in fen: a whole number, not negative (got ${v.amountFen})`,
          );
        }
        if (v.scheme === 'EMPLOYEE' && !v.employeeCategory) {
          p.add(
            ['employeeCategory'],
            '职工医保缴费须填写参保类别',
            'an EMPLOYEE contribution needs its employeeCategory',
          );
        }
        if (v.scheme === 'RESIDENT' && v.employeeCategory) {
          p.add(
            ['employeeCategory'],
            '居民医保缴费不应填写职工参保类别',
            'a RESIDENT contribution has no employeeCategory',
          );
        }
        if (v.paidOn > today) {
          p.add(['paidOn'], `缴费日期不能晚于今天（${today}）`, `paidOn is after today (${today})`);
        }
        const paidYear = yearOf(v.paidOn);
        if (!Number.isInteger(v.year) || v.year < 1998 || v.year > paidYear + 1) {
          p.add(
            ['year'],
            `缴费年度应在 1998 至 ${paidYear + 1} 之间`,
            `the contribution year is between 1998 and ${paidYear + 1}`,
          );
        } else if (v.kind === 'PREPAYMENT' && v.year < paidYear) {
          p.add(['year'], '预缴只能缴纳当年或以后年度', 'a prepayment is for the year paid in or a later one');
        } else if (v.kind === 'BACK_PAYMENT' && v.year > paidYear) {
          p.add(['year'], '补缴只能缴纳当年或以前年度', 'a back-payment is for the year paid in or an earlier one');
        }
        return {
          personId,
          scheme: v.scheme,
          employeeCategory: v.employeeCategory ?? null,
          year: v.year,
          kind: v.kind,
          amountFen: v.amountFen,
          paidOn: v.paidOn,
        };
      }),
  });

/** recordRefund(contributionId, refundedOn) */
export const recordRefundArgs = (today: string) =>
  z.object({ contributionId: str, refundedOn: str }).transform((v, ctx) => {
    const p = new Problems(ctx);
    if (v.refundedOn > today) {
      p.add(['refundedOn'], `退费日期不能晚于今天（${today}）`, `refundedOn is after today (${today})`);
    }
    return {
      contributionId: idAt(p, ['contributionId'], v.contributionId, '缴费记录', 'the contribution'),
      refundedOn: v.refundedOn,
    };
  });

// ---------------------------------------------------------------------------------------------------------------------
// Employers

/** registerEmployer(input) */
export const registerEmployerArgs = z.object({
  input: z.object({ creditCode: str, name: str, district: str }).transform((v, ctx): RegisterEmployerCommand => {
    const p = new Problems(ctx);
    return {
      creditCode: creditCodeAt(p, ['creditCode'], v.creditCode),
      name: textAt(p, ['name'], v.name, 100, '单位名称', 'the employer name'),
      district: tianjinDistrictAt(p, ['district'], v.district),
    };
  }),
});

/** employerByCreditCode(creditCode) */
export const creditCodeArgs = z.object({ creditCode: str }).transform((v, ctx) => ({
  creditCode: creditCodeAt(new Problems(ctx), ['creditCode'], v.creditCode),
}));

/** employers(search, first, after) */
export const employersArgs = z
  .object({
    search: z.object({ text: optStr, district: optStr }).nullish(),
    first: optInt,
    after: optStr,
  })
  .transform((v, ctx): EmployerSearch => {
    const p = new Problems(ctx);
    const district = v.search?.district?.trim();
    return {
      text: optionalTextAt(p, ['search', 'text'], v.search?.text, 50, '查询内容', 'the search text'),
      district: district ? tianjinDistrictAt(p, ['search', 'district'], district) : null,
      first: firstAt(p, v.first),
      after: v.after?.trim() || null,
    };
  });

/** setCentralisedPeriod(forYear, from, to) — 集中参保缴费期 for forYear's resident scheme, before that year. */
export const centralisedPeriodArgs = z.object({ forYear: z.number(), from: str, to: str }).transform((v, ctx) => {
  const p = new Problems(ctx);
  if (!Number.isInteger(v.forYear) || v.forYear < 2000 || v.forYear > 2100) {
    p.add(['forYear'], '参保年度应在 2000 至 2100 之间', 'forYear is between 2000 and 2100');
  }
  if (v.from > v.to) {
    p.add(['to'], `结束日期 ${v.to} 早于开始日期 ${v.from}`, `to ${v.to} is before from ${v.from}`);
  }
  if (yearOf(v.to) >= v.forYear) {
    p.add(
      ['to'],
      `集中参保缴费期应在 ${v.forYear} 年之前结束`,
      `the centralised period ends before ${v.forYear} begins`,
    );
  }
  return { forYear: v.forYear, from: v.from, to: v.to };
});
