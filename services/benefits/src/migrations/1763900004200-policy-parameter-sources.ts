import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixes the seeded parameter table (issue 12) without touching the first migration:
 * - every row names the policy document it comes from, and says (basis PENDING_TIANJIN, with a note) when the Tianjin
 *   texts leave the figure to a Tianjin rule or later measure that is not in hand;
 * - 医保办发〔2021〕43号 was issued on 2021-11-01: its rows take effect then, not on 2021-01-01;
 * - B6's gap (3 months) and its 连续2年（含）以上 come from the Tianjin notice of 2025-07-31 (施行: 自印发之日起);
 * - the retirement-age reform (ages 60→63, 55→58, 50→55; steps 4/4/2 months; caps 36/36/60; from 2025-01), the
 *   exempt groups, the make-up base and rate (B5) and the incentive's four full years are added.
 * Each correction is recorded in the audit table `policy_parameter_change` like a change made through the graph.
 * The rules did not exist before this migration, so no answer was given with the old rows.
 */

const WAITING_NOTE =
  '关于完善本市基本医疗保险参保关系衔接有关工作的通知（五）规定断保人员“待遇等待期按照健全本市基本医疗保险参保长效机制若干措施有关规定执行”，该措施不在现有文本中；在本市措施明确前按国家规定取值 / ' +
  "the Tianjin notice (part 5) leaves the waiting period to Tianjin's 健全本市基本医疗保险参保长效机制若干措施, not in hand; the national figure applies until it is set";
const GUO_BAN = '国办发〔2024〕38号《国务院办公厅关于健全基本医疗保险参保长效机制的指导意见》';
const TJ_NOTICE = '关于完善本市基本医疗保险参保关系衔接有关工作的通知（2025-07-31，公开征求意见稿）第五部分';
const TJ_TRANSFER = '天津市基本医疗保险关系转移接续管理办法（公开征求意见稿）第十五条';
const YI_BAO_BAN = '医保办发〔2021〕43号《基本医疗保险关系转移接续暂行办法》（2021-11-01印发）';
const REFORM =
  '全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13）及《国务院关于渐进式延迟法定退休年龄的办法》';
const RETIREMENT_NOTE =
  '第十五条只规定“累计缴费年限达到本市规定要求”，具体年限不在现有文本中，沿用原默认值待本市规定确认 / ' +
  "article 15 says only 'the years Tianjin requires'; the figure is not in the texts in hand, the default stays until confirmed";

type Basis = 'NATIONAL' | 'TIANJIN' | 'PENDING_TIANJIN';

/** Corrections of existing rows: name → [source, basis, note, new effective date or null]. */
const CORRECTIONS: Array<[name: string, source: string, basis: Basis, note: string | null, from: string | null]> = [
  ['waiting.fixedMonths', GUO_BAN, 'PENDING_TIANJIN', WAITING_NOTE, null],
  ['waiting.variableMonthsPerLapseYear', GUO_BAN, 'PENDING_TIANJIN', WAITING_NOTE, null],
  ['waiting.repairMonthsPerYearPaid', GUO_BAN, 'PENDING_TIANJIN', WAITING_NOTE, null],
  ['waiting.longLapseYears', GUO_BAN, 'PENDING_TIANJIN', WAITING_NOTE, null],
  ['waiting.floorMonthsAfterLongLapse', GUO_BAN, 'PENDING_TIANJIN', WAITING_NOTE, null],
  [
    'waiting.employeeGapExemptMonths',
    `${TJ_NOTICE}：“中断缴费时间3个月内”`,
    'TIANJIN',
    '原种子数据误引国办发〔2024〕38号，并自2025-01-01生效；本市通知自2025-07-31起施行 / was seeded from 2025-01-01 citing 国办发〔2024〕38号; the Tianjin notice applies from 2025-07-31',
    '2025-07-31',
  ],
  [
    'incentive.ceilingRaiseYuan',
    `${GUO_BAN}：“原则上每次提高限额不低于1000元”`,
    'PENDING_TIANJIN',
    '本市提高额度待本市措施明确 / the Tianjin amount awaits a Tianjin measure',
    null,
  ],
  ['incentive.capPercent', `${GUO_BAN}：“累计提高总额不超过所在统筹地区大病保险原封顶线的20%”`, 'NATIONAL', null, null],
  [
    'employeeGap.maxBackPayMonths',
    YI_BAO_BAN,
    'PENDING_TIANJIN',
    'B1：职工医保待遇衔接按津医保规字〔2021〕9号、津医保局发〔2020〕85号执行，两文件不在现有文本中 / B1 points to 津医保规字〔2021〕9号 and 津医保局发〔2020〕85号, not in hand',
    '2021-11-01',
  ],
  [
    'employeeGap.maxWaitingMonths',
    YI_BAO_BAN,
    'PENDING_TIANJIN',
    "国家规定为“不超过6个月”的上限，本市取值见津医保规字〔2021〕9号（不在现有文本中）/ the national text sets a maximum of 6; Tianjin's figure is in 津医保规字〔2021〕9号, not in hand",
    '2021-11-01',
  ],
  ['retirement.requiredYears.male', TJ_TRANSFER, 'PENDING_TIANJIN', RETIREMENT_NOTE, null],
  ['retirement.requiredYears.female', TJ_TRANSFER, 'PENDING_TIANJIN', RETIREMENT_NOTE, null],
  ['retirement.minTianjinActualYears', TJ_TRANSFER, 'PENDING_TIANJIN', RETIREMENT_NOTE, null],
];

/** New rows: name, value, unit, effective from, source, basis, note, description. */
const ADDED: Array<
  [
    name: string,
    value: number,
    unit: string,
    from: string,
    source: string,
    basis: Basis,
    note: string | null,
    description: string,
  ]
> = [
  [
    'b6.continuousYears',
    2,
    'year',
    '2025-07-31',
    `${TJ_NOTICE}：“已连续2年(含2年)以上参加基本医疗保险”`,
    'TIANJIN',
    null,
    '职工转居民免等待期所需连续参保年数（含） B6 years in a row, inclusive',
  ],
  [
    'waiting.exempt.newborn',
    1,
    'flag',
    '2025-01-01',
    `${GUO_BAN}：“除新生儿等特殊群体外”`,
    'NATIONAL',
    null,
    '新生儿（出生一年内首次参保）免待遇等待期 newborns exempt (1 = exempt)',
  ],
  [
    'waiting.exempt.school',
    0,
    'flag',
    '2025-01-01',
    `${GUO_BAN}：“新生儿等特殊群体”`,
    'PENDING_TIANJIN',
    '“等特殊群体”的范围由本市措施确定，明确前不免除 / the other special groups are for the Tianjin measure; not exempt until it says so',
    '在校学生免待遇等待期 students exempt (1 = exempt)',
  ],
  [
    'waiting.exempt.welfareInstitution',
    0,
    'flag',
    '2025-01-01',
    `${GUO_BAN}：“新生儿等特殊群体”`,
    'PENDING_TIANJIN',
    '“等特殊群体”的范围由本市措施确定，明确前不免除 / the other special groups are for the Tianjin measure; not exempt until it says so',
    '福利机构人员免待遇等待期 welfare-institution residents exempt (1 = exempt)',
  ],
  [
    'incentive.fullYearsBeforeRaise',
    4,
    'year',
    '2025-01-01',
    `${GUO_BAN}：“对连续参加居民医保满4年的参保人员，之后每连续参保1年…”`,
    'PENDING_TIANJIN',
    WAITING_NOTE,
    '连续参保激励起算的连续参保满年数 full years before the incentive raises',
  ],
  [
    'retirement.reform.startMonth',
    202501,
    'yyyymm',
    '2025-01-01',
    `${REFORM}：自2025年1月1日起施行`,
    'NATIONAL',
    null,
    '渐进式延迟退休起始月 first month of the reform',
  ],
  [
    'retirement.originalAge.male',
    60,
    'year',
    '2025-01-01',
    REFORM,
    'NATIONAL',
    null,
    '男职工原法定退休年龄 original age, men',
  ],
  [
    'retirement.originalAge.female55',
    55,
    'year',
    '2025-01-01',
    REFORM,
    'NATIONAL',
    null,
    '原55周岁退休的女职工 original age, women 55',
  ],
  [
    'retirement.originalAge.female50',
    50,
    'year',
    '2025-01-01',
    REFORM,
    'NATIONAL',
    null,
    '原50周岁退休的女职工 original age, women 50',
  ],
  [
    'retirement.stepMonths.male',
    4,
    'month',
    '2025-01-01',
    `${REFORM}：每4个月延迟1个月`,
    'NATIONAL',
    null,
    '男职工每延迟1个月的间隔 months per step, men',
  ],
  [
    'retirement.stepMonths.female55',
    4,
    'month',
    '2025-01-01',
    `${REFORM}：每4个月延迟1个月`,
    'NATIONAL',
    null,
    '原55岁女职工每延迟1个月的间隔 months per step, women 55',
  ],
  [
    'retirement.stepMonths.female50',
    2,
    'month',
    '2025-01-01',
    `${REFORM}：每2个月延迟1个月`,
    'NATIONAL',
    null,
    '原50岁女职工每延迟1个月的间隔 months per step, women 50',
  ],
  [
    'retirement.capMonths.male',
    36,
    'month',
    '2025-01-01',
    `${REFORM}：逐步延迟至63周岁`,
    'NATIONAL',
    null,
    '男职工最多延迟月数 cap, men (60 → 63)',
  ],
  [
    'retirement.capMonths.female55',
    36,
    'month',
    '2025-01-01',
    `${REFORM}：逐步延迟至58周岁`,
    'NATIONAL',
    null,
    '原55岁女职工最多延迟月数 cap, women 55 (55 → 58)',
  ],
  [
    'retirement.capMonths.female50',
    60,
    'month',
    '2025-01-01',
    `${REFORM}：逐步延迟至55周岁`,
    'NATIONAL',
    null,
    '原50岁女职工最多延迟月数 cap, women 50 (50 → 55)',
  ],
  [
    'retirement.makeUp.baseFen',
    700000,
    'fen',
    '2025-01-01',
    `${TJ_TRANSFER}：“可以一次性补足所差年限的职工医保费用”`,
    'PENDING_TIANJIN',
    '补缴基数未载于现有文本：7000元/月为占位值，须由市医保中心按本市规定设定 / the base is not in the texts in hand: 7,000 yuan a month is a placeholder for the city centre to set',
    '一次性补缴的月缴费基数（分） monthly make-up base in fen',
  ],
  [
    'retirement.makeUp.ratePercent',
    12,
    'percent',
    '2025-01-01',
    `${TJ_TRANSFER}：“可以一次性补足所差年限的职工医保费用”`,
    'PENDING_TIANJIN',
    '补缴费率未载于现有文本：12%为占位值，须由市医保中心按本市规定设定 / the rate is not in the texts in hand: 12% is a placeholder for the city centre to set',
    '一次性补缴费率 make-up rate',
  ],
];

const ACTOR = 'migration:1763900004200';

export class PolicyParameterSources1763900004200 implements MigrationInterface {
  name = 'PolicyParameterSources1763900004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE policy_parameter ADD COLUMN basis text NOT NULL DEFAULT 'NATIONAL'`);
    await q.query('ALTER TABLE policy_parameter ALTER COLUMN basis DROP DEFAULT');
    await q.query('ALTER TABLE policy_parameter ADD COLUMN note text');
    await q.query(
      `ALTER TABLE policy_parameter ADD CONSTRAINT policy_parameter_basis CHECK (basis IN ('NATIONAL', 'TIANJIN', 'PENDING_TIANJIN'))`,
    );
    await q.query(`
      CREATE TABLE policy_parameter_change (
        seq bigserial PRIMARY KEY,
        name text NOT NULL,
        value numeric NOT NULL,
        effective_from date NOT NULL,
        source text NOT NULL,
        basis text NOT NULL,
        note text,
        previous_value numeric,
        previous_effective_from date,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TRIGGER policy_parameter_change_no_change BEFORE UPDATE OR DELETE ON policy_parameter_change
        FOR EACH ROW EXECUTE FUNCTION benefit_answer_append_only()`);

    const audit = async (name: string, reason: string) =>
      q.query(
        `INSERT INTO policy_parameter_change (name, value, effective_from, source, basis, note, previous_value,
                                              previous_effective_from, actor_subject, actor_role, reason, changed_at)
         SELECT p.name, p.value, p.effective_from, p.source, p.basis, p.note, old.value, old.effective_from, $2, 'SYSTEM', $3, now()
           FROM policy_parameter p LEFT JOIN old_rows old ON old.name = p.name
          WHERE p.name = $1`,
        [name, ACTOR, reason],
      );
    await q.query(
      'CREATE TEMP TABLE old_rows ON COMMIT DROP AS SELECT name, value, effective_from FROM policy_parameter',
    );
    for (const [name, source, basis, note, from] of CORRECTIONS) {
      await q.query(
        `UPDATE policy_parameter SET source = $2, basis = $3, note = $4, effective_from = COALESCE($5::date, effective_from)
          WHERE name = $1`,
        [name, source, basis, note, from],
      );
      await audit(
        name,
        from ? `来源与生效日期更正 / source and effective date corrected` : `来源更正 / source corrected`,
      );
    }
    for (const [name, value, unit, from, source, basis, note, description] of ADDED) {
      await q.query(
        `INSERT INTO policy_parameter (name, value, unit, effective_from, source, basis, note, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [name, value, unit, from, source, basis, note, description],
      );
      await audit(name, '补充种子数据缺失的参数 / parameter missing from the seeded table added');
    }
    await q.query('DROP TABLE old_rows');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM policy_parameter WHERE name = ANY($1)`, [ADDED.map((a) => a[0])]);
    await q.query('DROP TABLE policy_parameter_change');
    await q.query('ALTER TABLE policy_parameter DROP CONSTRAINT policy_parameter_basis');
    await q.query('ALTER TABLE policy_parameter DROP COLUMN note');
    await q.query('ALTER TABLE policy_parameter DROP COLUMN basis');
  }
}
