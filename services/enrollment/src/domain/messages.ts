import type { Bilingual, CentralisedPeriod, InsuranceRelation, PolicyValue, RuleId, RuleRefusal } from './types';

/** Every refusal and reason of the E rules, in Chinese and English, in one place for the clerks to review. */

export function refusal(rule: RuleId, reason: Bilingual, nextStep: Bilingual): RuleRefusal {
  return { rule, reason, nextStep };
}

const unit = (r: InsuranceRelation): Bilingual => ({
  zh: `${r.unitName ?? r.unitCode ?? '未知单位'}（${r.regionCode}）`,
  en: `${r.unitName ?? r.unitCode ?? 'unknown unit'} (${r.regionCode})`,
});

export const refusals = {
  E2: (period: CentralisedPeriod) =>
    refusal(
      'E2',
      {
        zh: `已参加${period.forYear}年度居民医保（未退费），集中参保缴费期（${period.from}至${period.to}）内申请参加职工医保（不含补缴）须先退费`,
        en: `the person has joined the ${period.forYear} resident scheme (not refunded); during the centralised enrolment period (${period.from} to ${period.to}) an employee registration (back-payments excepted) needs the refund first`,
      },
      {
        zh: `请先自行向税务部门申请办理${period.forYear}年度居民医保退费，退费记录后再办理职工医保参保登记（届时同步暂停下一年度居民医保参保关系）`,
        en: `apply to the tax authority for the refund of the ${period.forYear} resident contribution; once it is recorded the employee registration goes through and suspends next year's resident relation`,
      },
    ),
  E3: (employee: InsuranceRelation) =>
    refusal(
      'E3',
      {
        zh: `职工医保参保关系正常参保（${unit(employee).zh}），原则上不办理居民医保参保`,
        en: `the employee relation is active (${unit(employee).en}); no resident registration while it is`,
      },
      employee.employeeCategory === 'EMPLOYER_STAFF'
        ? {
            zh: '请参保单位先办理职工医保暂停参保（暂停当月仍可按规定享受职工医保待遇），再办理居民医保参保登记',
            en: 'ask the employer to suspend the employee relation first (the month of suspension is still covered by employee benefits), then register',
          }
        : {
            zh: '请先办理职工医保暂停参保（暂停当月仍可按规定享受职工医保待遇），再办理居民医保参保登记',
            en: 'suspend the employee relation first (the month of suspension is still covered by employee benefits), then register',
          },
    ),
  E4: () =>
    refusal(
      'E4',
      {
        zh: '已按规定享受职工医保退休人员待遇，不允许参加居民医保',
        en: 'employee retiree benefits are being received: a resident registration is not allowed',
      },
      { zh: '无需办理，职工医保保持正常参保', en: 'nothing to do: the employee relation stays active' },
    ),
  /** E4 on a suspension application: a retiree's employee relation stays ACTIVE (正常参保). */
  E4_RETIREE_STAYS: (r: InsuranceRelation) =>
    refusal(
      'E4',
      {
        zh: `已按规定享受职工医保退休人员待遇（${unit(r).zh}），职工医保参保状态为正常参保，不予暂停`,
        en: `employee retiree benefits are being received (${unit(r).en}): the employee relation stays active and is not suspended`,
      },
      {
        zh: '无需办理：退休人员待遇继续享受；在外省市就医可办理异地就医备案；如确需变更请到医保经办机构窗口咨询',
        en: 'nothing to do: retiree benefits continue; for care elsewhere register for off-site care; for any change ask at an agency counter',
      },
    ),
  /** E4 when a retiree's registration elsewhere is reported: the Tianjin retiree relation is kept. */
  E4_RETIREE_ELSEWHERE: (r: InsuranceRelation) =>
    refusal(
      'E4',
      {
        zh: `参保人已按规定享受本市职工医保退休人员待遇（${unit(r).zh}），职工医保参保状态为正常参保，不因外省市参保而暂停`,
        en: `the person receives Tianjin employee retiree benefits (${unit(r).en}); that relation stays active and is not suspended by a registration elsewhere`,
      },
      {
        zh: '请外省市经办机构核实并注销重复的参保登记；异地居住可办理异地就医备案',
        en: 'the other region should check and cancel the duplicate registration; living elsewhere, register for off-site care',
      },
    ),
  E5: (tianjin: InsuranceRelation) =>
    refusal(
      'E5',
      {
        zh: `本市居民医保参保关系正常参保（${unit(tianjin).zh}），同一年度跨省参保须先暂停本市参保关系或签订《知情同意书》`,
        en: `the Tianjin resident relation is active (${unit(tianjin).en}); joining elsewhere in the same year needs its suspension or a signed consent`,
      },
      {
        zh: '请先通过线上或线下渠道申请暂停本市参保关系，或通过国家医保服务平台（线上）或在医保经办机构窗口（线下）签订《知情同意书》，由经办机构填写原参保单位和本次参保单位',
        en: 'apply online or at a counter to suspend the Tianjin relation, or sign the informed consent online on the national platform or at an agency counter (the agency fills in the original and new units)',
      },
    ),
  E6: () =>
    refusal(
      'E6',
      {
        zh: '按照学籍地、户籍地、居住地优先原则，参保人在本市参加居民医保，本市参保关系不予暂停',
        en: 'by the order school region > household region > residence region the person is insured in Tianjin; the Tianjin relation is not suspended',
      },
      {
        zh: '可通过异地就医形式解决就医需求，无需在外省市重复参保',
        en: 'use off-site (cross-region) medical care instead of enrolling elsewhere',
      },
    ),
  /** E6 on a suspension application: the priority order keeps the person's resident relation in Tianjin. */
  E6_SUSPENSION: () =>
    refusal(
      'E6',
      {
        zh: '按照学籍地、户籍地、居住地优先原则，参保人应在本市参加居民医保，本市居民医保参保关系不予暂停',
        en: 'by the order school region > household region > residence region the person belongs in the Tianjin resident scheme; the Tianjin resident relation is not suspended',
      },
      {
        zh: '跨统筹区流动的，可通过异地就医形式解决就医需求；如在外省市参加职工医保，请签订《知情同意书》，由新参保登记自动暂停本市参保关系（先参后停）',
        en: 'moving across pooling regions, use off-site care; joining an employee scheme elsewhere, sign the informed consent so that the registration there suspends the Tianjin relation (register-then-suspend)',
      },
    ),
  E7: (employee: InsuranceRelation) =>
    employee.employeeCategory === 'EMPLOYER_STAFF' && !employee.retired
      ? refusal(
          'E7',
          {
            zh: `本市单位职工医保参保关系正常参保（${unit(employee).zh}），原则上保留就业地参保关系`,
            en: `the Tianjin employer-staff relation is active (${unit(employee).en}); the employment relation is kept`,
          },
          {
            zh: '请参保单位先办理暂停职工医保参保关系，再办理外省市参保登记',
            en: 'the employer must suspend the employee relation before a registration elsewhere',
          },
        )
      : refusal(
          'E7',
          {
            zh: `本市职工医保参保关系正常参保（${unit(employee).zh}），参加外省市基本医保前须先暂停`,
            en: `the Tianjin employee relation is active (${unit(employee).en}); it must be suspended before joining elsewhere`,
          },
          {
            zh: '请先申请暂停本市职工医保参保关系，再办理外省市参保登记',
            en: 'apply to suspend the Tianjin employee relation first, then register elsewhere',
          },
        ),
  E8: (elsewhere: InsuranceRelation) =>
    elsewhere.scheme === 'EMPLOYEE'
      ? refusal(
          'E8',
          {
            zh: `外省市职工医保参保关系正常参保（${unit(elsewhere).zh}）`,
            en: `an employee relation elsewhere is active (${unit(elsewhere).en})`,
          },
          {
            zh: '请先在外省市暂停原职工医保参保关系，再办理本市参保登记；确需转移接续的，可通过线上渠道申请',
            en: 'suspend the employee relation there first, then register in Tianjin; a transfer may then be applied for online',
          },
        )
      : refusal(
          'E8',
          {
            zh: `外省市居民医保参保关系正常参保（${unit(elsewhere).zh}）`,
            en: `a resident relation elsewhere is active (${unit(elsewhere).en})`,
          },
          {
            zh: '请先在外省市申请暂停原参保关系，或通过国家医保服务平台（线上）或在医保经办机构窗口（线下）签订《知情同意书》，再办理本市参保登记',
            en: 'suspend the relation there, or sign the informed consent online on the national platform or at an agency counter, then register in Tianjin',
          },
        ),
  E9: () =>
    refusal(
      'E9',
      {
        zh: '已按灵活就业身份预缴当年度职工医保费',
        en: "this year's flexible-employment contributions were prepaid",
      },
      {
        zh: '请先办理预缴费退费手续，退费记录后再办理单位职工医保参保登记',
        en: 'apply for the refund of the prepayment; the employer may register once the refund is recorded',
      },
    ),
  E10: (staff: InsuranceRelation) =>
    refusal(
      'E10',
      {
        zh: `单位职工医保参保关系正常参保（${unit(staff).zh}）`,
        en: `the employer-staff relation is active (${unit(staff).en})`,
      },
      {
        zh: '请参保单位先办理暂停职工医保参保关系，再以灵活就业身份参保',
        en: 'the employer must suspend the employer-staff relation first; then register as flexible employment',
      },
    ),
  E11: (higher: InsuranceRelation) =>
    refusal(
      'E11',
      {
        zh: `已通过更高层级的参保单位参加居民医保（${unit(higher).zh}），按由高向低覆盖原则不能由低层级单位覆盖参保`,
        en: `already insured through a higher-ranked unit (${unit(higher).en}); a lower-ranked unit cannot override it`,
      },
      {
        zh: '如确需变更，请先暂停现有居民医保参保关系，再办理参保登记',
        en: 'if the change is really needed, suspend the current resident relation first, then register',
      },
    ),
  /** E11, equal rank, when the city centre's parameter says an equal-rank unit does not override. */
  E11_EQUAL_RANK: (current: InsuranceRelation, policy: PolicyValue<boolean>) =>
    refusal(
      'E11',
      {
        zh: `已通过同一层级的参保单位参加居民医保（${unit(current).zh}）。通知只规定由高向低层级覆盖；同层级是否覆盖由市医保中心的政策参数决定，自 ${policy.effectiveFrom} 起为“不覆盖”（依据：${policy.source}）`,
        en: `already insured through a unit of the same rank (${unit(current).en}). The notice only says high overrides low; whether an equal rank overrides is the city centre's policy parameter, set to "does not override" from ${policy.effectiveFrom} (source: ${policy.source})`,
      },
      {
        zh: '请先暂停现有居民医保参保关系，再办理参保登记',
        en: 'suspend the current resident relation first, then register',
      },
    ),
  E14_ID_SHAPE: () =>
    refusal(
      'E14',
      { zh: '居民身份证号码应为18位', en: 'a resident ID has 17 digits and a check character' },
      { zh: '请核对新生儿居民身份证号码', en: "check the newborn's resident ID number" },
    ),
  E14_OTHER_ID: () =>
    refusal(
      'E14',
      { zh: '参保人已登记其他居民身份证号码', en: 'the person already has another resident ID number' },
      { zh: '证件号码变更请按信息变更手续办理', en: 'a change of ID number follows the information-change procedure' },
    ),
  /** A clerk's resumption of what E14's batch suspended, while the newborn still has no ID number. */
  E14_RESUME_WITHOUT_ID: () =>
    refusal(
      'E14',
      {
        zh: '该参保关系因新生儿超过180天未办理身份证件变更被暂停，尚未录入居民身份证号码',
        en: 'the relation was suspended because the newborn had no ID number after 180 days, and none is recorded yet',
      },
      {
        zh: '请办理信息变更手续，录入新生儿居民身份证号码，系统将自动恢复参保关系及相关医保待遇',
        en: "record the newborn's resident ID (recordNewbornId): the relation and its benefits are restored then",
      },
    ),
  E16_ALREADY_COMPLETE: () =>
    refusal(
      'E16',
      {
        zh: '该《知情同意书》的原参保单位和本次参保单位已由经办机构填写',
        en: 'the agency has already filled in the units of this consent',
      },
      {
        zh: '如需变更单位，请参保人重新签订《知情同意书》',
        en: 'to change the units, the person signs a new consent',
      },
    ),
  E16_USED: () =>
    refusal(
      'E16',
      {
        zh: '该《知情同意书》已用于暂停一个参保关系，每份《知情同意书》只授权一次暂停',
        en: 'this consent has already authorised a suspension; a consent authorises one suspension only',
      },
      {
        zh: '如需再次办理，请参保人重新签订《知情同意书》',
        en: 'for another suspension the person signs a new consent',
      },
    ),
  E15_NOT_FOUND: () =>
    refusal(
      'E15',
      { zh: '未找到本人的该参保关系', en: 'no such relation of this person' },
      { zh: '请核对要暂停的参保关系', en: 'check which relation is to be suspended' },
    ),
  E15_ELSEWHERE: (r: InsuranceRelation) =>
    refusal(
      'E15',
      { zh: `该参保关系在外省市（${unit(r).zh}）`, en: `the relation is held in another region (${unit(r).en})` },
      {
        zh: '请向参保地医保经办机构或通过国家医保服务平台申请暂停',
        en: 'apply to that region’s agency or through the national platform',
      },
    ),
  E15_NOT_ACTIVE: (r: InsuranceRelation) =>
    refusal(
      'E15',
      {
        zh: `该参保关系不是正常参保状态（${r.status}），无需暂停`,
        en: `the relation is not active (${r.status}); there is nothing to suspend`,
      },
      { zh: '无需办理', en: 'nothing to do' },
    ),
  E15_NOT_OWN: () =>
    refusal(
      'E15',
      { zh: '只能申请暂停本人的参保关系', en: 'a person may only suspend their own relation' },
      { zh: '请由参保人本人申请', en: 'the insured person must apply' },
    ),
  E15_NOT_STAFF: () =>
    refusal(
      'E15',
      {
        zh: '参保单位只能申请暂停本单位职工的职工医保参保关系',
        en: 'an employer may only suspend the employee relations of its own staff',
      },
      { zh: '请由参保人本人或其参保单位申请', en: 'the person, or their own employer, must apply' },
    ),
  E7_EMPLOYER_APPLIES: (r: InsuranceRelation) =>
    refusal(
      'E7',
      {
        zh: `单位职工医保参保关系（${unit(r).zh}）由参保单位办理暂停，未暂停前保留就业地参保关系`,
        en: `an employer-staff relation (${unit(r).en}) is suspended by the employer; until then the employment relation is kept`,
      },
      { zh: '请联系参保单位办理暂停职工医保参保关系', en: 'ask the employer to suspend the relation' },
    ),
  E17: (existing: InsuranceRelation) =>
    refusal(
      'E17',
      {
        zh: `同一期间已有正常参保关系（${unit(existing).zh}），不得重复参保`,
        en: `an active relation already covers the period (${unit(existing).en}); nobody is insured twice`,
      },
      existing.scheme === 'EMPLOYEE' && existing.employeeCategory === 'EMPLOYER_STAFF'
        ? { zh: '请原参保单位先办理暂停参保', en: 'the previous employer must suspend its relation first' }
        : { zh: '请先暂停原参保关系', en: 'suspend the existing relation first' },
    ),
  /** E17 for a clerk's correction: resuming the relation would leave two ACTIVE relations on one day. */
  E17_RESUME: () =>
    refusal(
      'E17',
      { zh: '恢复后将同时存在两个正常参保关系', en: 'resuming would leave the person insured twice' },
      { zh: '请先暂停另一个正常参保关系', en: 'suspend the other active relation first' },
    ),
  /** E17 as the database's exclusion constraint enforces it, when two commands race past the per-person lock. */
  E17_CONSTRAINT: () =>
    refusal(
      'E17',
      {
        zh: '该参保人在同一期间已有正常参保关系，不能重复参保',
        en: 'the person already has an active relation for this period; nobody is insured twice',
      },
      {
        zh: '请先暂停原参保关系，再办理新的参保登记',
        en: 'suspend the existing relation first, then register the new one',
      },
    ),
} as const;

export const reasons = {
  E2: {
    zh: '居民医保退费后参加职工医保，同步暂停下一年度居民医保参保关系',
    en: "after the refund, the employee registration suspends next year's resident relation",
  },
  E1: {
    zh: '参加职工医保，同步暂停居民医保参保关系（即参即停）',
    en: 'employee registration suspends the resident relation (register-and-suspend)',
  },
  E5: {
    zh: '已签订《知情同意书》，外省市参保登记完成后暂停本市参保关系（先参后停）',
    en: 'consent signed: the registration elsewhere suspends the Tianjin relation (register-then-suspend)',
  },
  E8: {
    zh: '已签订《知情同意书》，本市参保登记完成后暂停外省市原参保关系（先参后停）',
    en: 'consent signed: the Tianjin registration suspends the relation elsewhere (register-then-suspend)',
  },
  E9: {
    zh: '参加单位职工医保，同步暂停灵活就业职工医保参保关系（即参即停）',
    en: 'employer registration suspends the flexible-employment relation (register-and-suspend)',
  },
  E11: {
    zh: '按由高向低层级覆盖参保登记，同步暂停原居民医保参保关系（即参即停）',
    en: 'a higher-ranked unit overrides the resident relation (register-and-suspend)',
  },
  E12: { zh: '学籍年度到期毕业，批量暂停参保', en: 'school years ran out at graduation: batch suspension' },
  E13: {
    zh: '集中参保缴费期内未缴纳下年度居民医保，12月31日批量暂停参保',
    en: "next year's resident contribution not paid in the centralised period: year-end batch suspension",
  },
  E14: {
    zh: '新生儿出生超过180天未办理身份证件变更，月末批量暂停参保及相关医保待遇',
    en: 'newborn more than 180 days old without an ID number: month-end batch suspension of the relation and its benefits',
  },
  E14_RESUME: {
    zh: '已办理新生儿身份证件变更，恢复参保关系及相关医保待遇',
    en: 'ID number recorded: relation and benefits restored',
  },
  E15: { zh: '本人或参保单位申请暂停参保关系', en: 'suspension applied for by the person or the employer' },
  E17_NOT_RESUMED: {
    zh: '该参保关系与其他正常参保关系重叠，未予恢复',
    en: 'the relation overlaps another active relation and stays suspended',
  },
  E13_WARNING: {
    zh: '因断保可能产生待遇等待期，待遇享受时间以核定结果为准',
    en: 'the lapse may bring a waiting period before benefits start (B7)',
  },
  /** E11, equal rank, when the city centre's parameter says it overrides: the reason names the parameter. */
  E11_EQUAL_RANK: (policy: PolicyValue<boolean>): Bilingual => ({
    zh: `同一层级参保单位覆盖参保登记，同步暂停原居民医保参保关系（通知未作规定，依市医保中心政策参数，自 ${policy.effectiveFrom} 起；依据：${policy.source}）`,
    en: `a unit of the same rank overrides the resident relation (the notice is silent; the city centre's policy parameter, from ${policy.effectiveFrom}; source: ${policy.source})`,
  }),
} as const satisfies Record<string, Bilingual | ((...args: never[]) => Bilingual)>;

/** Names for the input problems' texts: Chinese, and English with its article. */
const SCHEME_NAME = { EMPLOYEE: ['职工医保', 'an employee'], RESIDENT: ['居民医保', 'a resident'] } as const;
const RESIDENT_CATEGORY_NAME = {
  SCHOOL: ['学校', 'a school'],
  VILLAGE: ['行政村（组）', 'a village group'],
  WELFARE_INSTITUTION: ['福利机构', 'a welfare institution'],
  HOUSEHOLD: ['家庭虚拟户', 'a household'],
  NEWBORN: ['新生儿', 'a newborn'],
} as const;

/**
 * Every input problem the validate* functions report (BAD_USER_INPUT at the graph, INVALID_INPUT in the app): input
 * that is well-shaped but does not fit the rules' model (a category of the other scheme, dates out of order).
 */
export const inputProblems = {
  TIANJIN_CODE: (code: string): Bilingual => ({
    zh: `本市统筹地区代码应为 120000 或 1201xx，不能是 ${code}`,
    en: 'a Tianjin code is 120000 or 1201xx',
  }),
  REGION_SHAPE: (code: string): Bilingual => ({
    zh: `统筹地区代码应为6位数字，不能是 ${code}`,
    en: `a region code has 6 digits, not ${code}`,
  }),
  EMPLOYEE_NEEDS_CATEGORY: {
    zh: '职工医保须填写参保类别（单位职工或灵活就业）',
    en: 'an EMPLOYEE registration needs an employeeCategory (EMPLOYER_STAFF or FLEXIBLE)',
  },
  EMPLOYEE_NO_RESIDENT_CATEGORY: {
    zh: '职工医保不应填写居民医保参保类别',
    en: 'an EMPLOYEE registration has no residentCategory',
  },
  RESIDENT_NEEDS_CATEGORY: {
    zh: '居民医保须填写参保类别（学校、行政村、福利机构、家庭或新生儿）',
    en: 'a RESIDENT registration needs a residentCategory',
  },
  RESIDENT_NO_EMPLOYEE_CATEGORY: {
    zh: '居民医保不应填写职工医保参保类别',
    en: 'a RESIDENT registration has no employeeCategory',
  },
  RETIRED_NOT_EMPLOYEE: { zh: '只有职工医保参保人可为退休人员', en: 'only an EMPLOYEE registration can be a retiree' },
  SCHOOL_LEVEL_NOT_SCHOOL: (scheme: 'EMPLOYEE' | 'RESIDENT', category: keyof typeof RESIDENT_CATEGORY_NAME | null) => {
    const [zh, en] = category ? RESIDENT_CATEGORY_NAME[category] : SCHEME_NAME[scheme];
    return {
      zh: `学段只适用于学校参保，${zh}参保不应填写学段`,
      en: `a school level belongs only to a SCHOOL registration, not to ${en} registration`,
    };
  },
  SCHOOL_NEEDS_LEVEL: { zh: '学校参保须填写学段', en: 'a SCHOOL registration needs its school level' },
  GRADUATION_NOT_SCHOOL: {
    zh: '只有学校参保可填写学籍到期日',
    en: 'expectedGraduation belongs only to a SCHOOL registration',
  },
  RESIDENT_PERIOD_YEAR: (year: number, periodYear: number): Bilingual => ({
    zh: `居民医保参保年度应为开始日期所在年度（${year}）或次年（${year + 1}），不能是 ${periodYear}`,
    en: `a RESIDENT periodYear is startDate's year (${year}) or the next (${year + 1}), not ${periodYear}`,
  }),
  EMPLOYEE_PERIOD_YEAR: (year: number, periodYear: number): Bilingual => ({
    zh: `职工医保参保年度应为开始日期所在年度（${year}），不能是 ${periodYear}`,
    en: `an EMPLOYEE periodYear is startDate's year (${year}), not ${periodYear}`,
  }),
  END_BEFORE_START: (endDate: string, startDate: string): Bilingual => ({
    zh: `结束日期 ${endDate} 早于开始日期 ${startDate}`,
    en: `endDate ${endDate} is before startDate ${startDate}`,
  }),
  GRADUATION_BEFORE_START: (graduation: string, startDate: string): Bilingual => ({
    zh: `学籍到期日 ${graduation} 早于开始日期 ${startDate}`,
    en: `expectedGraduation ${graduation} is before startDate ${startDate}`,
  }),
  BACK_PAYMENT_NOT_EMPLOYEE: { zh: '只有职工医保可以补缴', en: 'only an EMPLOYEE period can be a back-payment' },
  BACK_PAYMENT_NEEDS_END: { zh: '补缴须填写结束日期', en: 'a back-payment needs its endDate' },
  BACK_PAYMENT_ENDS_BEFORE_TODAY: (today: string): Bilingual => ({
    zh: `补缴期间应在今天（${today}）之前结束`,
    en: `a back-payment period ends before today (${today})`,
  }),
  STAFF_NEEDS_CREDIT_CODE: {
    zh: '本市单位职工须填写单位统一社会信用代码',
    en: 'Tianjin employer staff need the employer credit code',
  },
  NOTICE_FROM_TIANJIN: {
    zh: '外省市参保通知的统筹地区不能是本市',
    en: 'a notice of a registration elsewhere cannot name a Tianjin region',
  },
  BIRTH_DATE_REQUIRED: { zh: '非居民身份证须填写出生日期', en: 'birth date is required for this ID type' },
  BIRTH_DATE_AFTER_TODAY: { zh: '出生日期不能晚于今天', en: 'the birth date is after today' },
  REGISTERED_ON_FORMAT: { zh: '登记日期格式应为 YYYY-MM-DD', en: 'the registration day is a real YYYY-MM-DD date' },
  REGISTERED_ON_AFTER_TODAY: (today: string): Bilingual => ({
    zh: `外省市登记日期不能晚于今天（${today}）`,
    en: `the day of the registration elsewhere cannot be after today (${today})`,
  }),
  AMOUNT_IN_FEN: (amountFen: number): Bilingual => ({
    zh: `缴费金额以分为单位，应为非负整数，不能是 ${amountFen}`,
    en: `the amount is in fen: a whole number, not negative (got ${amountFen})`,
  }),
  CONTRIBUTION_NEEDS_CATEGORY: {
    zh: '职工医保缴费须填写参保类别',
    en: 'an EMPLOYEE contribution needs its employeeCategory',
  },
  CONTRIBUTION_NO_CATEGORY: {
    zh: '居民医保缴费不应填写职工参保类别',
    en: 'a RESIDENT contribution has no employeeCategory',
  },
  PAID_AFTER_TODAY: (today: string): Bilingual => ({
    zh: `缴费日期不能晚于今天（${today}）`,
    en: `paidOn is after today (${today})`,
  }),
  CONTRIBUTION_YEAR: (maxYear: number): Bilingual => ({
    zh: `缴费年度应在 1998 至 ${maxYear} 之间`,
    en: `the contribution year is between 1998 and ${maxYear}`,
  }),
  PREPAYMENT_YEAR: { zh: '预缴只能缴纳当年或以后年度', en: 'a prepayment is for the year paid in or a later one' },
  BACK_PAYMENT_YEAR: {
    zh: '补缴只能缴纳当年或以前年度',
    en: 'a back-payment is for the year paid in or an earlier one',
  },
  REFUNDED_AFTER_TODAY: (today: string): Bilingual => ({
    zh: `退费日期不能晚于今天（${today}）`,
    en: `refundedOn is after today (${today})`,
  }),
  ALREADY_REFUNDED: (refundedOn: string): Bilingual => ({
    zh: `该笔缴费已于 ${refundedOn} 退费`,
    en: `already refunded on ${refundedOn}`,
  }),
  REFUND_BEFORE_PAYMENT: {
    zh: '退费日期不能早于缴费日期',
    en: 'the refund date cannot be before the payment date',
  },
  PERIOD_FOR_YEAR: { zh: '参保年度应在 2000 至 2100 之间', en: 'forYear is between 2000 and 2100' },
  PERIOD_TO_BEFORE_FROM: (from: string, to: string): Bilingual => ({
    zh: `结束日期 ${to} 早于开始日期 ${from}`,
    en: `to ${to} is before from ${from}`,
  }),
  PERIOD_OPENS_BEFORE_YEAR: (forYear: number): Bilingual => ({
    zh: `集中参保缴费期应在 ${forYear} 年之前开始`,
    en: `the centralised period opens before ${forYear} begins`,
  }),
  PERIOD_ENDS_IN_YEAR: (forYear: number): Bilingual => ({
    zh: `集中参保缴费期最迟应在 ${forYear} 年内结束`,
    en: `the centralised period closes within ${forYear} at the latest`,
  }),
} as const;
