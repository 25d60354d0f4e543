import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import {
  Parameters,
  checkParameterValue,
  isParameterName,
  PARAMETER_SHAPES,
  type ParameterBasis,
  type ParameterName,
  type ParameterVersion,
} from '../domain';
import { PolicyParameterChangeEntity, PolicyParameterEntity } from '../entities';
import { assertCityStaff } from './access';
import { checkDate } from './dates';
import { BenefitsError } from './errors';

export interface SetParameterCommand {
  name: string;
  value: number;
  effectiveFrom: string;
  source: string;
  basis: ParameterBasis;
  note: string | null;
  reason: string;
}

/**
 * The versioned policy parameters: the versions in force on a date, and new versions from the city centre. A new
 * version takes effect after today, so no answer already given is rewritten; each one leaves an audit record.
 */
export class PolicyParameters {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** The version of every parameter in force on `on`: per name, the latest effective_from not after `on`. */
  async inForce(
    on: string,
    manager: EntityManager = this.runtime.dataSource.manager,
  ): Promise<PolicyParameterEntity[]> {
    const rows: Array<PolicyParameterEntity & { value: number | string }> = await manager.query(
      `SELECT DISTINCT ON (name) id, name, value::float8 AS value, unit, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
              source, description, basis, note
         FROM policy_parameter WHERE effective_from <= $1::date
        ORDER BY name, effective_from DESC`,
      [on],
    );
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  }

  /** The versions in force on `on`, as the domain reads them. */
  async versions(on: string, manager?: EntityManager): Promise<ParameterVersion[]> {
    const rows = await this.inForce(on, manager);
    return rows
      .filter((r) => isParameterName(r.name))
      .map((r) => ({
        name: r.name as ParameterName,
        value: r.value,
        effectiveFrom: r.effectiveFrom,
        source: r.source,
      }));
  }

  /**
   * The domain's view of the versions in force on `on`: a fresh one per answer, since it records which versions the
   * answer reads. `cached` (a request's loader) saves reading the table again for the same date.
   */
  async on(
    on: string,
    manager?: EntityManager,
    cached?: { load(on: string): Promise<ParameterVersion[]> },
  ): Promise<Parameters> {
    return new Parameters(on, cached ? await cached.load(on) : await this.versions(on, manager));
  }

  /** The audit record, newest first. */
  changes(name: string | null): Promise<PolicyParameterChangeEntity[]> {
    return this.runtime.dataSource.manager.find(PolicyParameterChangeEntity, {
      where: name ? { name } : {},
      order: { seq: 'DESC' },
    });
  }

  /** Checks a new version: every problem at once, before anything is written. */
  validate(command: SetParameterCommand, today: string): void {
    const problems = [];
    if (!isParameterName(command.name))
      problems.push({
        field: 'input.name',
        reason: { zh: `未知的政策参数 ${command.name}`, en: `unknown policy parameter ${command.name}` },
      });
    else {
      const bad = checkParameterValue(command.name, command.value);
      if (bad) problems.push({ field: 'input.value', reason: bad });
    }
    const dateProblem = checkDate('input.effectiveFrom', command.effectiveFrom, today);
    if (dateProblem) problems.push(dateProblem);
    else if (command.effectiveFrom <= today)
      problems.push({
        field: 'input.effectiveFrom',
        reason: {
          zh: `生效日期须晚于今天（${today}）：政策参数的调整不得改写已作出的答复`,
          en: `the effective date must be after today (${today}): a change never rewrites an answer already given`,
        },
      });
    if (!command.source.trim())
      problems.push({
        field: 'input.source',
        reason: { zh: '请填写政策依据文件', en: 'the source document is required' },
      });
    if (!command.reason.trim())
      problems.push({ field: 'input.reason', reason: { zh: '请填写调整原因', en: 'the reason is required' } });
    if (problems.length > 0) throw BenefitsError.problems(problems);
  }

  /** 市医保中心: a new version from a future date (a not-yet-effective version of that date is replaced), audited. */
  async set(command: SetParameterCommand, actor: Identity): Promise<PolicyParameterEntity> {
    assertCityStaff(actor);
    const today = this.runtime.clock.today();
    this.validate(command, today);
    const name = command.name as ParameterName;
    return this.runtime.command(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`parameter:${name}`]);
      const previous = await manager
        .createQueryBuilder(PolicyParameterEntity, 'p')
        .where('p.name = :name AND p.effective_from <= :on', { name, on: command.effectiveFrom })
        .orderBy('p.effective_from', 'DESC')
        .getOne();
      const unit = previous?.unit ?? PARAMETER_SHAPES[name].unit;
      const description = previous?.description ?? name;
      const row =
        previous && previous.effectiveFrom === command.effectiveFrom
          ? previous
          : manager.create(PolicyParameterEntity, { name, effectiveFrom: command.effectiveFrom, unit, description });
      Object.assign(row, {
        value: command.value,
        source: command.source.trim(),
        basis: command.basis,
        note: command.note?.trim() || null,
      });
      const saved = await manager.save(row);
      await manager.insert(PolicyParameterChangeEntity, {
        name,
        value: command.value,
        effectiveFrom: command.effectiveFrom,
        source: saved.source,
        basis: saved.basis,
        note: saved.note,
        previousValue: previous?.value ?? null,
        previousEffectiveFrom: previous?.effectiveFrom ?? null,
        actorSubject: actor.subject,
        actorRole: actor.role,
        reason: command.reason.trim(),
        changedAt: this.runtime.clock.now(),
      });
      return saved;
    });
  }
}
