import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_ENROLLMENT_POLICY,
  PolicyParameterName,
  type EnrollmentPolicy,
  type InputProblem,
  type PolicyValue,
} from '../domain';
import { PolicyParameterEntity } from '../entities';
import { assertCityStaff, assertStaff } from './access';
import { EnrollmentError } from './errors';

export interface SetPolicyParameterCommand {
  name: PolicyParameterName;
  value: boolean;
  effectiveFrom: string;
  source: string;
}

/** The version of `name` in force on `day`: the latest effective on or before it (the latest change on a tie). */
async function versionOn(
  m: EntityManager,
  name: PolicyParameterName,
  day: string,
): Promise<PolicyParameterEntity | null> {
  return m
    .getRepository(PolicyParameterEntity)
    .createQueryBuilder('p')
    .where('p.name = :name AND p.effective_from <= :day', { name, day })
    .orderBy('p.effective_from', 'DESC')
    .addOrderBy('p.changed_at', 'DESC')
    .getOne();
}

const asValue = (row: PolicyParameterEntity): PolicyValue<boolean> => ({
  value: row.value === true,
  effectiveFrom: row.effectiveFrom,
  source: row.source,
});

/** The policy parameters in force on `today`, as the registration decision takes them. */
export async function policyInForce(m: EntityManager, today: string): Promise<EnrollmentPolicy> {
  const e11 = await versionOn(m, PolicyParameterName.E11_EQUAL_RANK_OVERRIDES, today);
  return { e11EqualRankOverrides: e11 ? asValue(e11) : DEFAULT_ENROLLMENT_POLICY.e11EqualRankOverrides };
}

/**
 * The city centre's policy parameters where the text is silent (E11's equal rank). A change is a new version, never
 * an update: value, effective from (not before today: no retroactive change), source, and the audit — who, when,
 * the value before.
 */
export class PolicyService {
  constructor(private readonly runtime: ServiceRuntime) {}

  async set(command: SetPolicyParameterCommand, actor: Identity): Promise<PolicyParameterEntity> {
    assertCityStaff(actor);
    const today = this.runtime.clock.today();
    const problems: InputProblem[] = [];
    if (command.effectiveFrom < today) {
      problems.push({
        field: 'effectiveFrom',
        reason: {
          zh: `政策参数不能追溯生效：生效日期不能早于今天（${today}）`,
          en: `a policy parameter is not changed retroactively: effectiveFrom is not before today (${today})`,
        },
      });
    }
    if (command.source.trim() === '') {
      problems.push({ field: 'source', reason: { zh: '请填写依据（文件或会议纪要）', en: 'source is required' } });
    }
    if (problems.length > 0) throw EnrollmentError.problems(problems);
    return this.runtime.command(async (m) => {
      // one change at a time per parameter: the previous value is the one in force when the new one takes effect
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`policy:${command.name}`]);
      const before = await versionOn(m, command.name, command.effectiveFrom);
      return m.save(
        m.create(PolicyParameterEntity, {
          name: command.name,
          value: command.value,
          previousValue: before ? before.value : null,
          effectiveFrom: command.effectiveFrom,
          source: command.source.trim(),
          changedBy: actor.subject,
          changedRole: actor.role,
        }),
      );
    });
  }

  /** Every version of a parameter, oldest change first (the audit record). */
  async history(name: PolicyParameterName, reader: Identity): Promise<PolicyParameterEntity[]> {
    assertStaff(reader);
    return this.runtime.dataSource
      .getRepository(PolicyParameterEntity)
      .find({ where: { name }, order: { changedAt: 'ASC' } });
  }
}
