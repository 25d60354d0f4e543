import { chinaDate } from './dates';
import { refusals } from './messages';
import type { Bilingual, Consent, IdType, IsoDate, RuleRefusal } from './types';

/**
 * The promise (承诺事项 and 本人承诺) of the 知情同意书 template annexed to the notice. A consent authorises the automatic
 * suspension only with this text; whitespace is not significant.
 */
export const CONSENT_PROMISE_ZH =
  '本人已知晓医保部门关于参保人不得重复参加基本医疗保险（包括职工医保和居民医保）的相关要求，' +
  '保证本次申请参保登记的内容和材料真实有效。同意医保部门依托信息系统在完成新的基本医疗保险参保登记后' +
  '自动办理原参保关系暂停手续。\n' +
  '已阅知并同意本市规定的承诺事项，提供情况属实，愿意接受信息共享查询核验，承担相关法律责任。';

const ID_TYPES: readonly IdType[] = [
  'RESIDENT_ID',
  'BIRTH_CERTIFICATE',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGNER_PERMANENT_RESIDENCE',
];

/** 18 characters: 17 digits and a check character (the check itself is computed at the edge). */
export const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const MOBILE = /^1\d{10}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ConsentProblem {
  field: keyof Consent;
  reason: Bilingual;
}

/** The order of the fields on the form, in which problems are reported. */
const FORM_ORDER: ReadonlyArray<keyof Consent> = [
  'name',
  'phone',
  'idType',
  'idNumber',
  'originalUnitName',
  'originalUnitCode',
  'newUnitName',
  'newUnitCode',
  'promiseText',
  'signature',
  'signedAt',
  'channel',
];

export type ConsentValidation = { ok: true } | { ok: false; problems: ConsentProblem[] };

const missing = (zh: string, en: string): Bilingual => ({ zh: `未填写${zh}`, en: `${en} is missing` });
const blank = (s: string | null | undefined): boolean => s == null || s.trim() === '';
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/**
 * E16: the fields of the 知情同意书 — name, phone, ID type and number, original and new unit names and codes (filled
 * by the agency), the promise text, signature, date and channel. Presence and shape only; every problem at once.
 * `requireAgencyFields: false` checks a consent the person has just signed, before the agency fills the units.
 */
export function validateConsent(consent: Consent, options: { requireAgencyFields?: boolean } = {}): ConsentValidation {
  const problems: ConsentProblem[] = [];
  const add = (field: keyof Consent, reason: Bilingual) => problems.push({ field, reason });

  if (!ID_TYPES.includes(consent.idType)) add('idType', { zh: '证件类型不正确', en: 'unknown ID type' });
  if (blank(consent.idNumber)) add('idNumber', missing('证件号码', 'ID number'));
  else if (consent.idType === 'RESIDENT_ID' && !RESIDENT_ID_SHAPE.test(consent.idNumber)) {
    add('idNumber', { zh: '居民身份证号码应为18位', en: 'a resident ID has 17 digits and a check character' });
  }
  if (blank(consent.signedAt)) add('signedAt', missing('承诺日期', 'signing date'));
  else if (!DATE_TIME.test(consent.signedAt)) {
    add('signedAt', { zh: '承诺日期格式不正确', en: 'signedAt is not an ISO date-time with offset' });
  }
  const form = validateConsentForm(consent, options);
  if (!form.ok) problems.push(...form.problems);
  problems.sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** What the person (and, at a counter, the agency) fills in on the 知情同意书; the ID and date come from elsewhere. */
export type ConsentForm = Pick<
  Consent,
  | 'name'
  | 'phone'
  | 'originalUnitName'
  | 'originalUnitCode'
  | 'newUnitName'
  | 'newUnitCode'
  | 'promiseText'
  | 'signature'
  | 'channel'
>;

/**
 * E16, the form alone: what `validateConsent` checks apart from the person's ID document and the signing time, which
 * the application takes from the person and the clock. Every problem at once.
 */
export function validateConsentForm(
  consent: ConsentForm,
  options: { requireAgencyFields?: boolean } = {},
): ConsentValidation {
  const problems: ConsentProblem[] = [];
  const add = (field: keyof Consent, reason: Bilingual) => problems.push({ field, reason });

  if (blank(consent.name)) add('name', missing('姓名', 'name'));
  if (blank(consent.phone)) add('phone', missing('联系电话', 'phone'));
  else if (!MOBILE.test(consent.phone) && !LANDLINE.test(consent.phone)) {
    add('phone', { zh: '联系电话格式不正确', en: 'phone is neither a mobile nor a landline number' });
  }
  if (options.requireAgencyFields ?? true) {
    if (blank(consent.originalUnitName)) add('originalUnitName', missing('原参保单位名称', 'original unit name'));
    if (blank(consent.originalUnitCode)) add('originalUnitCode', missing('原参保单位编码', 'original unit code'));
    if (blank(consent.newUnitName)) add('newUnitName', missing('本次参保单位名称', 'new unit name'));
    if (blank(consent.newUnitCode)) add('newUnitCode', missing('本次参保单位编码', 'new unit code'));
    else if (consent.newUnitCode === consent.originalUnitCode) {
      add('newUnitCode', { zh: '本次参保单位与原参保单位相同', en: 'the new unit is the original unit' });
    }
  }
  if (squeeze(consent.promiseText ?? '') !== squeeze(CONSENT_PROMISE_ZH)) {
    add('promiseText', { zh: '承诺事项与模版不一致', en: 'the promise text is not the template text' });
  }
  if (blank(consent.signature)) add('signature', missing('承诺人签名', 'signature'));
  if (consent.channel !== 'ONLINE' && consent.channel !== 'COUNTER') {
    add('channel', { zh: '签订渠道应为线上或线下窗口', en: 'channel must be ONLINE or COUNTER' });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export type ConsentMatch =
  | { found: true; consent: Consent }
  | {
      found: false;
      why: 'NO_CONSENT' | 'CONSENT_INVALID' | 'CONSENT_MISMATCH' | 'CONSENT_USED' | 'CONSENT_SIGNED_AFTER';
    };

/** The China calendar date on which a consent was signed. */
export function signedOn(consent: Pick<Consent, 'signedAt'>): IsoDate {
  return chinaDate(new Date(consent.signedAt));
}

/**
 * E5 / E8 (先参后停): the person's consent that authorises suspending the relation with `originalUnitCode` once the
 * registration with `newUnitCode`, made on `registeredOn`, is done. Both unit codes must be the ones the agency wrote
 * on the form (an online consent the agency has not completed authorises nothing: CONSENT_INVALID); the consent must
 * be signed on or before the registration it authorises (在申请办理新参保关系时); and it authorises one suspension only.
 */
export function findAuthorisingConsent(
  consents: readonly Consent[],
  personId: string,
  originalUnitCode: string | null,
  newUnitCode: string | null,
  registeredOn: IsoDate,
): ConsentMatch {
  const own = consents.filter((c) => c.personId === personId);
  const forNewUnit = own.filter((c) => newUnitCode != null && c.newUnitCode === newUnitCode);
  if (forNewUnit.length === 0) {
    // an online consent waiting for the agency's units: it exists, but cannot authorise anything yet
    const incomplete = own.some((c) => !c.usedForRelationId && !validateConsent(c).ok);
    return { found: false, why: incomplete ? 'CONSENT_INVALID' : 'NO_CONSENT' };
  }
  const valid = forNewUnit.filter((c) => validateConsent(c).ok);
  if (valid.length === 0) return { found: false, why: 'CONSENT_INVALID' };
  const matching = valid.filter((c) => originalUnitCode != null && c.originalUnitCode === originalUnitCode);
  if (matching.length === 0) return { found: false, why: 'CONSENT_MISMATCH' };
  const unused = matching.filter((c) => !c.usedForRelationId);
  if (unused.length === 0) return { found: false, why: 'CONSENT_USED' };
  const consent = unused.find((c) => signedOn(c) <= registeredOn);
  return consent ? { found: true, consent } : { found: false, why: 'CONSENT_SIGNED_AFTER' };
}

/** The four fields the agency fills in on the 知情同意书 (备注：…由经办机构填写). */
export type ConsentUnits = Pick<Consent, 'originalUnitName' | 'originalUnitCode' | 'newUnitName' | 'newUnitCode'>;

/**
 * E16, the agency's completion step: an online consent signed without the units gets them from the agency. A consent
 * whose units are already filled, or that has already authorised a suspension, is refused; the completed form must
 * then pass `validateConsent` in full (the app reports those problems as input problems).
 */
export function decideConsentCompletion(
  consent: Consent,
  units: ConsentUnits,
): { ok: true; consent: Consent; validation: ConsentValidation } | { ok: false; refusal: RuleRefusal } {
  if (consent.usedForRelationId) return { ok: false, refusal: refusals.E16_USED() };
  const filled = [consent.originalUnitName, consent.originalUnitCode, consent.newUnitName, consent.newUnitCode];
  if (filled.every((f) => !blank(f))) return { ok: false, refusal: refusals.E16_ALREADY_COMPLETE() };
  const completed: Consent = { ...consent, ...units };
  return { ok: true, consent: completed, validation: validateConsent(completed) };
}
