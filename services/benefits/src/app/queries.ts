import { randomUUID } from 'node:crypto';
import { yearOf, type Identity, type ServiceRuntime } from '@yibao/shared';
import {
  balanceOn,
  continuityBefore,
  contributionYears,
  coverageSpans,
  decideBenefitStart,
  benefitStartReferenceDate,
  incentiveFor,
  isLapsed,
  ParameterMissing,
  monthLedger,
  retirementDate,
  retirementYears,
  statusOn,
  yearsAndMonths,
  type BenefitStart,
  type ContributionYears,
  type Continuity,
  type Incentive,
  type LedgerMonth,
  type ParameterVersion,
  type RelationFacts,
  type RetirementDate,
  type RetirementGroup,
  type RetirementYears,
  type StatusAnswer,
  type Step,
} from '../domain';
import type { BenefitStartEntity } from '../entities';
import { assertMayReadPerson, assertStaff } from './access';
import { checkDate } from './dates';
import { BenefitsError, unknownPerson } from './errors';
import { loadPerson, loadPersonsConsistently, personKnown, repairYears, type PersonRecord } from './facts';
import type { BenefitsLoaders } from './loaders';
import type { PolicyParameters } from './parameters.service';

export interface ContinuityAnswer extends Continuity {
  lapsed: boolean;
  explanation: Step[];
  parameters: ParameterVersion[];
}

export interface RetirementAnswer extends RetirementYears {
  date: RetirementDate;
  asOf: string;
}

export interface AccountAnswer {
  on: string;
  balanceFen: number;
  entries: Array<{ transferId: string; direction: 'INBOUND' | 'OUTBOUND'; amountFen: number; bookedOn: string }>;
  explanation: Step[];
}

export interface QuoteCommand {
  personId: string;
  startDate: string;
  paidOn: string | null;
  residentCategory: RelationFacts['residentCategory'];
  inCentralisedPeriod: boolean;
}

/** The answer a benefit start is shown as, whether stored (BenefitStartEntity) or quoted. */
export type BenefitStartView = Pick<
  BenefitStartEntity,
  | 'id'
  | 'relationId'
  | 'scheme'
  | 'rule'
  | 'assignedOn'
  | 'paidOn'
  | 'waitingStartsOn'
  | 'coveredFrom'
  | 'lapsed'
  | 'gapMonths'
  | 'continuousMonths'
  | 'lapseYears'
  | 'fixedMonths'
  | 'variableMonths'
  | 'repairedMonths'
  | 'floorApplied'
  | 'waitingMonths'
  | 'exemption'
  | 'steps'
  | 'parameters'
>;

/**
 * The reads of a person's benefits. Each checks the reader, checks its date arguments (1900 to 100 years ahead),
 * loads the person's facts and asks the domain; every answer carries its explanation and the parameter versions used.
 */
export class BenefitQueries {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly parameters: PolicyParameters,
  ) {}

  private today(): string {
    return this.runtime.clock.today();
  }

  /**
   * Runs a rule that needs parameters: a parameter not yet in force on the date asked about (the retirement reform
   * before 2025) is BAD_USER_INPUT on that date's argument, not an internal error.
   */
  private async withParameters<T>(field: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ParameterMissing)) throw e;
      throw BenefitsError.invalid(field, {
        zh: `政策参数 ${e.parameter} 在 ${e.on} 尚未生效，无法按该日期作答`,
        en: `the policy parameter ${e.parameter} is not in force on ${e.on}: no answer for that date`,
      });
    }
  }

  /** The date argument or today, refused with BAD_USER_INPUT when out of range. */
  date(field: string, value: string | null | undefined): string {
    const date = value ?? this.today();
    const problem = checkDate(field, date, this.today());
    if (problem) throw BenefitsError.problems([problem]);
    return date;
  }

  /** The person's record, once the reader may read it: through the request's loader when given one. */
  private async record(personId: string, reader: Identity, loaders?: BenefitsLoaders): Promise<PersonRecord> {
    assertMayReadPerson(reader, personId);
    const r = loaders ? await loaders.record.load(personId) : null;
    return r ?? (await loadPersonsConsistently(this.runtime.dataSource, [personId])).get(personId)!;
  }

  async ledger(
    personId: string,
    until: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<LedgerMonth[]> {
    const date = this.date('until', until);
    const r = await this.record(personId, reader, loaders);
    return monthLedger(r.spans, date);
  }

  async contributionYears(
    personId: string,
    asOf: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<ContributionYears> {
    const date = this.date('asOf', asOf);
    const r = await this.record(personId, reader, loaders);
    return contributionYears(r.spans, date);
  }

  async continuity(
    personId: string,
    on: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<ContinuityAnswer> {
    const date = this.date('on', on);
    const r = await this.record(personId, reader, loaders);
    const c = continuityBefore(r.spans, date);
    const params = await this.parameters.on(date, undefined, loaders?.parameters);
    const lapsed = isLapsed(c, params);
    const run = yearsAndMonths(c.continuousMonths);
    const explanation: Step[] = c.hasHistory
      ? [
          {
            rule: 'B2',
            zh: `截至 ${c.lastCoveredMonth} 连续参保 ${run.zh}（含转移接续带入的年限），此后中断 ${c.gapMonths} 个月`,
            en: `insured ${run.en} in a row up to ${c.lastCoveredMonth} (transferred-in years included), then ${c.gapMonths} months without coverage`,
          },
          {
            rule: 'B6',
            zh: lapsed ? '视作断保人员' : '不属于断保',
            en: lapsed ? 'lapsed (断保)' : 'not lapsed',
          },
          ...(c.lapseYears.length
            ? [
                {
                  rule: 'B7' as const,
                  zh: `断保年度：${[...c.lapseYears].sort().join('、')}（全年无任何参保关系）`,
                  en: `lapse years: ${[...c.lapseYears].sort().join(', ')} (no relation at all)`,
                },
              ]
            : []),
        ]
      : [{ rule: 'B2', zh: `${date} 之前无参保记录`, en: `no coverage on record before ${date}` }];
    return { ...c, lapsed, explanation, parameters: params.used() };
  }

  async status(
    personId: string,
    on: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<StatusAnswer> {
    const date = this.date('on', on);
    const r = await this.record(personId, reader, loaders);
    return statusOn(r.relations, r.waiting, date);
  }

  async waitingPeriods(personId: string, reader: Identity, loaders?: BenefitsLoaders): Promise<BenefitStartEntity[]> {
    const r = await this.record(personId, reader, loaders);
    return r.starts;
  }

  /** B5; null when the person's birth date is not known (a person registered without one). */
  async retirement(
    personId: string,
    group: RetirementGroup | null,
    asOf: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<RetirementAnswer | null> {
    const today = this.date('asOf', asOf);
    const r = await this.record(personId, reader, loaders);
    if (!r.birthDate) return null;
    const birthDate = r.birthDate;
    const g: RetirementGroup = group ?? (r.gender === 'MALE' ? 'MALE_60' : 'FEMALE_55');
    if (!r.gender && !group) return null;
    // the years are those on record on `asOf` (today by default); months still to come are not presumed paid
    return this.withParameters('asOf', async () => {
      const params = await this.parameters.on(today, undefined, loaders?.parameters);
      const date = retirementDate(birthDate, g, params);
      const years = contributionYears(r.spans, today);
      const gender = g === 'MALE_60' ? 'MALE' : 'FEMALE';
      return { ...retirementYears(years, gender, params), date, asOf: today };
    });
  }

  /** B5 calculator (staff and the person themselves have a use for it; anyone signed in may ask). */
  async retirementDateOf(birthDate: string, group: RetirementGroup, _reader: Identity): Promise<RetirementDate> {
    const today = this.today();
    const problem = checkDate('birthDate', birthDate, today);
    if (problem) throw BenefitsError.problems([problem]);
    if (birthDate > today)
      throw BenefitsError.invalid('birthDate', {
        zh: '出生日期不能晚于今天',
        en: 'the birth date must not be after today',
      });
    return this.withParameters('birthDate', async () =>
      retirementDate(birthDate, group, await this.parameters.on(today)),
    );
  }

  async incentive(
    personId: string,
    forYear: number | null,
    ceiling: number | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<Incentive> {
    const year = forYear ?? yearOf(this.today()) + 1;
    if (!Number.isInteger(year) || year < 1900 || year > yearOf(this.today()) + 100)
      throw BenefitsError.invalid('forYear', {
        zh: '年度应在 1900 年至今后 100 年之间',
        en: 'the year must lie between 1900 and 100 years from now',
      });
    if (ceiling !== null && (!Number.isInteger(ceiling) || ceiling < 0))
      throw BenefitsError.invalid('originalCeilingYuan', {
        zh: '原封顶线应为非负整数（元）',
        en: 'the original ceiling must be a non-negative whole number of yuan',
      });
    const r = await this.record(personId, reader, loaders);
    return incentiveFor(
      r.spans,
      year,
      await this.parameters.on(`${year}-01-01`, undefined, loaders?.parameters),
      ceiling,
    );
  }

  async account(
    personId: string,
    on: string | null,
    reader: Identity,
    loaders?: BenefitsLoaders,
  ): Promise<AccountAnswer> {
    const date = this.date('on', on);
    const r = await this.record(personId, reader, loaders);
    const entries = r.account.filter((e) => e.on <= date);
    const balanceFen = balanceOn(r.account, date);
    return {
      on: date,
      balanceFen,
      entries: entries.map((e) => ({
        transferId: e.transferId,
        direction: e.direction,
        amountFen: e.amountFen,
        bookedOn: e.on,
      })),
      explanation: [
        ...entries.map((e) => ({
          rule: 'B8' as const,
          zh: `${e.on} ${e.direction === 'INBOUND' ? '转入记账' : '转出划转'} ${e.amountFen} 分（转移接续 ${e.transferId}）`,
          en: `${e.on} ${e.direction === 'INBOUND' ? 'credited' : 'sent'} ${e.amountFen} fen (transfer ${e.transferId})`,
        })),
        {
          rule: 'B8',
          zh: `${date} 个人账户余额（转移接续部分）${balanceFen} 分`,
          en: `balance on ${date} (transfers): ${balanceFen} fen`,
        },
      ],
    };
  }

  /** B6/B7 what-if for staff: when benefits would start if the person joined the Tianjin resident scheme. */
  async quote(command: QuoteCommand, reader: Identity): Promise<BenefitStartView> {
    assertStaff(reader);
    const today = this.today();
    const problems = [
      checkDate('input.startDate', command.startDate, today),
      command.paidOn ? checkDate('input.paidOn', command.paidOn, today) : null,
    ].filter((p) => p !== null);
    if (problems.length) throw BenefitsError.problems(problems);
    if (!(await personKnown(this.runtime.dataSource.manager, command.personId)))
      throw unknownPerson('input.personId', command.personId);
    const r = await loadPerson(this.runtime.dataSource.manager, command.personId);
    const relation: RelationFacts = {
      relationId: randomUUID(),
      scheme: 'RESIDENT',
      employeeCategory: null,
      residentCategory: command.residentCategory ?? 'HOUSEHOLD',
      retired: false,
      regionCode: '120000',
      periodYear: yearOf(command.startDate),
      startDate: command.startDate,
      endDate: null,
      status: 'ACTIVE',
      registeredOn: command.paidOn ?? command.startDate,
      changes: [],
    };
    const input = {
      relation,
      history: coverageSpans(r.relations, r.infoSheets),
      paidOn: command.paidOn,
      birthDate: r.birthDate,
      inCentralisedPeriod: command.inCentralisedPeriod,
      repairYearsPaid: repairYears(r),
    };
    const answer: BenefitStart = decideBenefitStart(input, await this.parameters.on(benefitStartReferenceDate(input)));
    return {
      id: relation.relationId,
      relationId: relation.relationId,
      scheme: 'RESIDENT',
      rule: answer.rule,
      assignedOn: today,
      paidOn: answer.paidOn,
      waitingStartsOn: answer.waitingStartsOn,
      coveredFrom: answer.coveredFrom,
      lapsed: answer.lapsed,
      gapMonths: answer.continuity.gapMonths,
      continuousMonths: answer.continuity.continuousMonths,
      lapseYears: answer.continuity.lapseYears,
      fixedMonths: answer.fixedMonths,
      variableMonths: answer.variableMonths,
      repairedMonths: answer.repairedMonths,
      floorApplied: answer.floorApplied,
      waitingMonths: answer.waitingMonths,
      exemption: answer.exemption,
      steps: answer.steps,
      parameters: answer.parameters,
    };
  }
}
