import type { Identity, ServiceRuntime } from '@yibao/shared';
import { validateCentralisedPeriod } from '../domain';
import { CentralisedPeriodEntity, EmployerEntity, RelationEntity } from '../entities';
import { assertCityStaff, assertMayReadEmployer, assertStaff } from './access';
import { EnrollmentError, EnrollmentErrorCode } from './errors';

export interface RegisterEmployerCommand {
  creditCode: string;
  name: string;
  district: string;
}

export class EmployerService {
  constructor(private readonly runtime: ServiceRuntime) {}

  async register(command: RegisterEmployerCommand, actor: Identity): Promise<EmployerEntity> {
    assertStaff(actor);
    const repo = this.runtime.dataSource.getRepository(EmployerEntity);
    const existing = await repo.findOne({ where: { creditCode: command.creditCode } });
    if (existing) {
      throw new EnrollmentError(
        EnrollmentErrorCode.EMPLOYER_ALREADY_REGISTERED,
        { zh: '该统一社会信用代码已登记', en: 'this unified social credit code is already registered' },
        { existingEmployerId: existing.id },
      );
    }
    return repo.save(repo.create(command));
  }

  /** An employer reads only itself: refused before existence is looked at, so it cannot learn who is registered. */
  async byId(id: string, reader: Identity): Promise<EmployerEntity | null> {
    const employer = await this.runtime.dataSource.getRepository(EmployerEntity).findOne({ where: { id } });
    assertMayReadEmployer(reader, employer?.creditCode ?? 'nobody');
    return employer;
  }

  async byCreditCode(creditCode: string, reader: Identity): Promise<EmployerEntity | null> {
    assertMayReadEmployer(reader, creditCode);
    return this.runtime.dataSource.getRepository(EmployerEntity).findOne({ where: { creditCode } });
  }

  /** The employer's staff: its EMPLOYER_STAFF relations, current ones first. */
  async staff(employer: EmployerEntity, reader: Identity): Promise<RelationEntity[]> {
    if (!(reader.role === 'EMPLOYER' && reader.employerCode === employer.creditCode)) assertStaff(reader);
    return this.runtime.dataSource.getRepository(RelationEntity).find({
      where: { unitCode: employer.creditCode, scheme: 'EMPLOYEE', employeeCategory: 'EMPLOYER_STAFF' },
      order: { status: 'ASC', startDate: 'DESC' },
    });
  }

  /** 集中参保缴费期 for `forYear`'s resident scheme (city centre only). */
  async setCentralisedPeriod(
    forYear: number,
    fromDate: string,
    toDate: string,
    actor: Identity,
  ): Promise<CentralisedPeriodEntity> {
    const checked = validateCentralisedPeriod({ forYear, from: fromDate, to: toDate });
    if (!checked.ok) throw EnrollmentError.problems(checked.problems);
    assertCityStaff(actor);
    const repo = this.runtime.dataSource.getRepository(CentralisedPeriodEntity);
    return repo.save(repo.create({ forYear, fromDate, toDate }));
  }
}
