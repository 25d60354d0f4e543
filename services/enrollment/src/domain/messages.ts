import type { Bilingual, InsuranceRelation, RuleId, RuleRefusal } from './types';

/** Every refusal and reason of the E rules, in Chinese and English, in one place for the clerks to review. */

export function refusal(rule: RuleId, reason: Bilingual, nextStep: Bilingual): RuleRefusal {
  return { rule, reason, nextStep };
}

const unit = (r: InsuranceRelation): Bilingual => ({
  zh: `${r.unitName ?? r.unitCode ?? '未知单位'}（${r.regionCode}）`,
  en: `${r.unitName ?? r.unitCode ?? 'unknown unit'} (${r.regionCode})`,
});

export const refusals = {
  E2: () =>
    refusal(
      'E2',
      {
        zh: '已参加下一年度居民医保，集中参保缴费期内申请参加职工医保（不含补缴）须先退费',
        en: "next year's resident contribution is paid; during the centralised enrolment period an employee registration (back-payments excepted) needs its refund first",
      },
      {
        zh: '请先自行向税务部门申请办理居民医保退费，退费记录后再办理职工医保参保登记',
        en: 'apply to the tax authority for the refund of the resident contribution; register once the refund is recorded',
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
  E5: (tianjin: InsuranceRelation) =>
    refusal(
      'E5',
      {
        zh: `本市居民医保参保关系正常参保（${unit(tianjin).zh}），同一年度跨省参保须先暂停本市参保关系或签订《知情同意书》`,
        en: `the Tianjin resident relation is active (${unit(tianjin).en}); joining elsewhere in the same year needs its suspension or a signed consent`,
      },
      {
        zh: '请先通过线上或线下渠道申请暂停本市参保关系，或通过国家医保服务平台签订《知情同意书》',
        en: 'apply online or at a counter to suspend the Tianjin relation, or sign the informed consent on the national platform',
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
            zh: '请先在外省市申请暂停原参保关系，或通过国家医保服务平台签订《知情同意书》，再办理本市参保登记',
            en: 'suspend the relation there, or sign the informed consent on the national platform, then register in Tianjin',
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
} as const;

export const reasons = {
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
    en: 'a higher- or equal-ranked unit overrides the resident relation (register-and-suspend)',
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
  E4_RETIREE_SUSPENDED: {
    zh: '暂停期间不享受职工医保退休人员待遇，且仍不允许参加居民医保',
    en: 'retiree benefits stop while the relation is suspended, and a resident registration is still not allowed',
  },
  E17_NOT_RESUMED: {
    zh: '该参保关系与其他正常参保关系重叠，未予恢复',
    en: 'the relation overlaps another active relation and stays suspended',
  },
  E13_WARNING: {
    zh: '因断保可能产生待遇等待期，待遇享受时间以核定结果为准',
    en: 'the lapse may bring a waiting period before benefits start (B7)',
  },
} as const satisfies Record<string, Bilingual>;
