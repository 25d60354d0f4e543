import type { Bilingual, Problem, RelationFacts, RuleId, RuleRefusal, Scheme } from './types';

/** Every refusal and reason of the T rules, in Chinese and English, in one place for the clerks to review. */

export function problem(rule: RuleId, reason: Bilingual, nextStep: Bilingual): Problem {
  return { rule, reason, nextStep };
}

const SCHEME: Record<Scheme, Bilingual> = {
  EMPLOYEE: { zh: '职工医保', en: 'employee scheme' },
  RESIDENT: { zh: '居民医保', en: 'resident scheme' },
};

const unit = (r: RelationFacts): Bilingual => ({
  zh: `${r.unitName ?? r.unitCode ?? '未知单位'}（${r.regionCode}）`,
  en: `${r.unitName ?? r.unitCode ?? 'unknown unit'} (${r.regionCode})`,
});

/** One refusal out of every problem found (一次性告知): all reasons and all next steps, numbered. */
export function refusalOf(problems: readonly Problem[]): RuleRefusal {
  const [first] = problems;
  if (!first) throw new Error('a refusal needs at least one problem');
  if (problems.length === 1) return { ...first, problems: [...problems] };
  const join = (pick: (p: Problem) => string, sep: string) => problems.map((p, i) => `${i + 1}. ${pick(p)}`).join(sep);
  return {
    rule: 'T5',
    reason: { zh: join((p) => p.reason.zh, '；'), en: join((p) => p.reason.en, '; ') },
    nextStep: { zh: join((p) => p.nextStep.zh, '；'), en: join((p) => p.nextStep.en, '; ') },
    problems: [...problems],
  };
}

export const problems = {
  T13: () =>
    problem(
      'T13',
      {
        zh: '退役军人基本医疗保险关系转移接续按照军地基本医疗保险关系转移接续有关规定执行，本办法不予办理',
        en: "veterans' transfers follow the military–civilian transfer rules and are not handled under these measures",
      },
      {
        zh: '请按军地医保关系转移接续有关规定，向退役军人事务部门及医保经办机构咨询办理',
        en: 'apply under the military–civilian transfer rules (ask the veterans affairs office and the agency)',
      },
    ),
  T1_NO_TIANJIN_RELATION: (scheme: Scheme) =>
    problem(
      'T1',
      {
        zh: `本市无该参保人的${SCHEME[scheme].zh}参保关系，无可转出的医保关系`,
        en: `there is no Tianjin ${SCHEME[scheme].en} relation of the person to transfer out`,
      },
      {
        zh: '请核对转出险种及参保地，或到原参保地办理',
        en: 'check the scheme and the region of the relation, or apply where it is held',
      },
    ),
  T2_RESIDENT_SAME_YEAR: (side: 'TIANJIN' | 'OTHER') =>
    problem(
      'T2',
      {
        zh: '居民医保参保人员当年度在转入地不再办理转移接续手续，须在转入地参加下一年度居民医保后申请',
        en: "a resident-scheme transfer is not handled within the current year: the person applies after enrolling in next year's resident scheme at the destination",
      },
      side === 'TIANJIN'
        ? {
            zh: '请先在本市参加下一年度居民医保（集中参保缴费期内缴费），再申请转移接续',
            en: "enrol in Tianjin's resident scheme for next year (pay in the centralised period), then apply",
          }
        : {
            zh: '请先按转入地规定参加下一年度居民医保，再申请转移接续',
            en: "enrol in next year's resident scheme at the destination first, then apply",
          },
    ),
  T4_EMPLOYER_APPLIES: (staff: RelationFacts) =>
    problem(
      'T4',
      {
        zh: `有单位的职工医保参保人员由单位申请办理（${unit(staff).zh}）`,
        en: `an employer's staff member's transfer is applied for by the employer (${unit(staff).en})`,
      },
      { zh: '请由参保单位提交转移接续申请', en: 'the employer submits the application' },
    ),
  T4_PERSON_APPLIES: () =>
    problem(
      'T4',
      {
        zh: '灵活就业人员及城乡居民等参保人员由个人申请办理',
        en: 'flexible-employment and resident-scheme insured persons apply themselves',
      },
      { zh: '请由参保人本人提交转移接续申请', en: 'the insured person submits the application' },
    ),
  T4_NOT_OWN: () =>
    problem(
      'T4',
      { zh: '只能申请办理本人的医保关系转移接续', en: 'a person may only apply for their own transfer' },
      { zh: '请由参保人本人申请', en: 'the insured person must apply' },
    ),
  T5_NOT_ENROLLED_IN_TIANJIN: (scheme: Scheme) =>
    problem(
      'T5',
      {
        zh: `转入地校验未通过：参保人未参加本市${SCHEME[scheme].zh}`,
        en: `destination check failed: the person is not enrolled in Tianjin's ${SCHEME[scheme].en}`,
      },
      {
        zh: `请先按规定参加本市${SCHEME[scheme].zh}，再申请转移接续`,
        en: `enrol in Tianjin's ${SCHEME[scheme].en} first, then apply`,
      },
    ),
  T5_NOT_ENROLLED_AT_DESTINATION: (scheme: Scheme) =>
    problem(
      'T5',
      {
        zh: `转入地校验未通过：参保人未参加转入地${SCHEME[scheme].zh}`,
        en: `destination check failed: the person is not enrolled in the destination's ${SCHEME[scheme].en}`,
      },
      {
        zh: '请先按转入地规定参保，再申请转移接续',
        en: 'enrol at the destination first, then apply',
      },
    ),
  T5_EMPLOYEE_NOT_TERMINATED: (where: 'TIANJIN' | 'OTHER', relation: RelationFacts | null) =>
    problem(
      'T5',
      {
        zh: `转出地校验未通过：${where === 'TIANJIN' ? '本市' : '转出地'}职工医保尚未终止参保${relation ? `（${unit(relation).zh}）` : ''}`,
        en: `source check failed: the ${where === 'TIANJIN' ? 'Tianjin ' : "source's "}employee relation is not terminated${relation ? ` (${unit(relation).en})` : ''}`,
      },
      where === 'TIANJIN'
        ? {
            zh: '请参保单位或本人先办理本市职工医保终止参保，再申请转移接续',
            en: 'have the Tianjin employee relation terminated (by the employer or the person) first, then apply',
          }
        : {
            zh: '请先在转出地办理职工医保终止参保，再申请转移接续',
            en: 'have the employee relation at the source terminated first, then apply',
          },
    ),
  T5_RESIDENT_NOT_SUSPENDED: (where: 'TIANJIN' | 'OTHER', relation: RelationFacts | null) =>
    problem(
      'T5',
      {
        zh: `转出地校验未通过：${where === 'TIANJIN' ? '本市' : '转出地'}居民医保尚未中止参保${relation ? `（${unit(relation).zh}）` : ''}`,
        en: `source check failed: the ${where === 'TIANJIN' ? 'Tianjin ' : "source's "}resident relation is not suspended${relation ? ` (${unit(relation).en})` : ''}`,
      },
      where === 'TIANJIN'
        ? {
            zh: '请先申请暂停（中止）本市居民医保参保关系，再申请转移接续',
            en: 'apply to suspend the Tianjin resident relation first, then apply',
          }
        : {
            zh: '请先在转出地办理居民医保中止参保，再申请转移接续',
            en: 'have the resident relation at the source suspended first, then apply',
          },
    ),
  T5_OTHER_REGION_UNKNOWN: (direction: 'INBOUND' | 'OUTBOUND') =>
    problem(
      'T5',
      direction === 'INBOUND'
        ? {
            zh: '转出地校验无法完成：缺少转出地参保关系状态（终止或中止参保）的证明',
            en: "source check cannot be done: the source relation's status (terminated or suspended) is not attested",
          }
        : {
            zh: '转入地校验无法完成：缺少转入地参保的证明',
            en: 'destination check cannot be done: the enrolment at the destination is not attested',
          },
      {
        zh: '请提供外省市经办机构出具的证明（《联系函》或医保信息平台校验结果）',
        en: "provide the other agency's attestation (its contact letter or the national platform's check)",
      },
    ),
} as const;

/** Refusals of a step of a running transfer (the account money must match the information sheet: 核对无误). */
export const stepRefusals = {
  AMOUNT_MISMATCH: (rule: RuleId, expectedFen: number, givenFen: number) =>
    refusalOf([
      problem(
        rule,
        {
          zh: `个人账户金额与《信息表》不符：信息表为 ${fenText(expectedFen)}，本次为 ${fenText(givenFen)}`,
          en: `the personal-account amount differs from the information sheet: ${expectedFen} fen on the sheet, ${givenFen} fen given`,
        },
        {
          zh: '请与外省市经办机构核对个人账户金额，核对无误后再办理',
          en: 'check the amount with the other agency; record it once it matches',
        },
      ),
    ]),
} as const;

export function fenText(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')} 元`;
}

/** Reasons recorded on the rights record (T12) for each step. */
export const stepReasons = {
  ACCEPTED_INBOUND: { zh: '转入申请校验通过，予以受理', en: 'inbound application checked and accepted' },
  ACCEPTED_OUTBOUND: { zh: '转出申请审核通过', en: 'outbound application approved' },
  CONTACT_LETTER_RECEIVED: {
    zh: '收到外省市经办机构《联系函》，校验通过',
    en: "the other agency's contact letter received and checked",
  },
  CONTACT_LETTER_SENT: {
    zh: '开具《联系函》并邮寄至转出地经办机构',
    en: 'contact letter issued and posted to the source',
  },
  INFO_SHEET_RECEIVED: { zh: '收到转出地《信息表》', en: "the source's information sheet received" },
  TRANSFERRED_IN: { zh: '核对《信息表》，完成医保关系转入', en: 'information sheet checked; transfer-in completed' },
  TRANSFERRED_OUT: {
    zh: '完成医保关系转出，生成《信息表》',
    en: 'transfer-out completed; information sheet generated',
  },
  INFO_SHEET_SENT_POSTAL: { zh: '打印《信息表》并邮寄至转入地', en: 'information sheet printed and posted' },
  INFO_SHEET_SENT_ONLINE: {
    zh: '《信息表》加盖电子印章，上传至医保信息平台',
    en: 'information sheet sealed and uploaded to the national platform',
  },
  ACCOUNT_CREDITED: {
    zh: '收到转出地划转的个人账户金额，核对无误，计入个人账户',
    en: 'personal-account money received, checked and credited',
  },
  BALANCE_SENT: { zh: '办理个人账户余额划转', en: 'personal-account balance sent' },
  NO_ACCOUNT_MONEY: { zh: '无个人账户金额需划转，办结', en: 'no personal-account money to move; completed' },
  CANCELLED: { zh: '转移接续申请撤销', en: 'transfer withdrawn' },
} as const satisfies Record<string, Bilingual>;
