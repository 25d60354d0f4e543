import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The national defaults of WAITING-PERIODS.md, each with its effective date and source. */
const DEFAULTS: Array<[name: string, value: number, unit: string, from: string, source: string, description: string]> =
  [
    ['waiting.fixedMonths', 3, 'month', '2025-01-01', '国办发〔2024〕38号', '固定待遇等待期 fixed waiting period'],
    [
      'waiting.variableMonthsPerLapseYear',
      1,
      'month',
      '2025-01-01',
      '国办发〔2024〕38号',
      '每多断保1年增加的变动等待期 variable part per lapse year beyond the first',
    ],
    [
      'waiting.repairMonthsPerYearPaid',
      1,
      'month',
      '2025-01-01',
      '国办发〔2024〕38号',
      '每补缴1年减少的变动等待期 repair per year paid back',
    ],
    [
      'waiting.longLapseYears',
      4,
      'year',
      '2025-01-01',
      '国办发〔2024〕38号',
      '连续断保年数达到此值时适用修复下限 lapse years after which the floor applies',
    ],
    [
      'waiting.floorMonthsAfterLongLapse',
      6,
      'month',
      '2025-01-01',
      '国办发〔2024〕38号',
      '修复后等待期下限 floor after repair for a long lapse',
    ],
    [
      'waiting.employeeGapExemptMonths',
      3,
      'month',
      '2025-01-01',
      '国办发〔2024〕38号',
      '职工转居民免等待期的最长间隔 B6 gap exempt from waiting',
    ],
    [
      'incentive.ceilingRaiseYuan',
      1000,
      'yuan',
      '2025-01-01',
      '国办发〔2024〕38号',
      '连续参保激励每年提高大病保险限额 raise per year',
    ],
    ['incentive.capPercent', 20, 'percent', '2025-01-01', '国办发〔2024〕38号', '激励总额上限 cap of the total raise'],
    [
      'employeeGap.maxBackPayMonths',
      3,
      'month',
      '2021-01-01',
      '医保办发〔2021〕43号',
      '转移前可补缴的最长中断 gap that may be paid back',
    ],
    [
      'employeeGap.maxWaitingMonths',
      6,
      'month',
      '2021-01-01',
      '医保办发〔2021〕43号',
      '较长中断的最长等待期 longest waiting period after a longer gap',
    ],
    [
      'retirement.requiredYears.male',
      25,
      'year',
      '2025-01-01',
      'WAITING-PERIODS.md default',
      '男性享受退休待遇所需累计缴费年限',
    ],
    [
      'retirement.requiredYears.female',
      20,
      'year',
      '2025-01-01',
      'WAITING-PERIODS.md default',
      '女性享受退休待遇所需累计缴费年限',
    ],
    [
      'retirement.minTianjinActualYears',
      10,
      'year',
      '2025-01-01',
      'WAITING-PERIODS.md default',
      '其中本市实际缴费年限下限',
    ],
  ];

export class PolicyParameter1763900004000 implements MigrationInterface {
  name = 'PolicyParameter1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_parameter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        value numeric NOT NULL,
        unit text NOT NULL,
        effective_from date NOT NULL,
        source text NOT NULL,
        description text NOT NULL,
        CONSTRAINT policy_parameter_version UNIQUE (name, effective_from)
      )`);
    for (const [name, value, unit, from, source, description] of DEFAULTS) {
      await q.query(
        'INSERT INTO policy_parameter (name, value, unit, effective_from, source, description) VALUES ($1, $2, $3, $4, $5, $6)',
        [name, value, unit, from, source, description],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE policy_parameter');
  }
}
