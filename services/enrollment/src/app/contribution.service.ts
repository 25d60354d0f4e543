import type { Identity, ServiceRuntime } from '@yibao/shared';
import {
  validateContribution,
  validateRefund,
  type ContributionKind,
  type EmployeeCategory,
  type Scheme,
} from '../domain';
import { ContributionEntity, PersonEntity } from '../entities';
import { assertStaffOrIntegrator } from './access';
import { EnrollmentError, EnrollmentErrorCode } from './errors';

export interface RecordContributionCommand {
  personId: string;
  scheme: Scheme;
  employeeCategory: EmployeeCategory | null;
  year: number;
  kind: ContributionKind;
  amountFen: number;
  paidOn: string;
}

function payload(c: ContributionEntity) {
  return {
    contributionId: c.id,
    personId: c.personId,
    scheme: c.scheme,
    employeeCategory: c.employeeCategory,
    year: c.year,
    kind: c.kind,
    amountFen: c.amountFen,
    paidOn: c.paidOn,
  };
}

/** Contribution facts (缴费 / 预缴 / 补缴 and the tax authority's 退费) that E2, E9, E13 and the benefits service need. */
export class ContributionService {
  constructor(private readonly runtime: ServiceRuntime) {}

  async record(command: RecordContributionCommand, actor: Identity): Promise<ContributionEntity> {
    const checked = validateContribution(command, this.runtime.clock.today());
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    assertStaffOrIntegrator(actor);
    const saved = await this.runtime.command(async (m) => {
      const person = await m
        .getRepository(PersonEntity)
        .findOne({ where: { id: command.personId }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw EnrollmentError.notFound(EnrollmentErrorCode.PERSON_NOT_FOUND, command.personId);
      const c = await m.save(m.create(ContributionEntity, { ...command, refundedOn: null }));
      await this.runtime.outbox.write(m, 'contribution-recorded', c.personId, payload(c));
      return c;
    });
    return saved;
  }

  /** 退费: the refund lifts E2's and E9's refusals. Recording it twice is refused, not repeated. */
  async refund(contributionId: string, refundedOn: string, actor: Identity): Promise<ContributionEntity> {
    const today = this.runtime.clock.today();
    const date = validateRefund(refundedOn, today);
    if (!date.ok) throw EnrollmentError.problems(date.problems);
    assertStaffOrIntegrator(actor);
    const saved = await this.runtime.command(async (m) => {
      const c = await m
        .getRepository(ContributionEntity)
        .findOne({ where: { id: contributionId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw EnrollmentError.notFound(EnrollmentErrorCode.CONTRIBUTION_NOT_FOUND, contributionId);
      const checked = validateRefund(refundedOn, today, c);
      if (!checked.ok) throw EnrollmentError.problems(checked.problems);
      c.refundedOn = refundedOn;
      const updated = await m.save(c);
      await this.runtime.outbox.write(m, 'contribution-refunded', c.personId, { ...payload(updated), refundedOn });
      return updated;
    });
    return saved;
  }
}
