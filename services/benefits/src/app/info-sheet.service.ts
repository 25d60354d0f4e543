import { parseRegionCode, type FieldProblem, type Identity, type ServiceRuntime } from '@yibao/shared';
import { contributionYears, type ContributionYears } from '../domain';
import { InfoSheetPeriodEntity, TransferFactEntity } from '../entities';
import { assertStaff } from './access';
import { checkDate } from './dates';
import { BenefitsError, BenefitsErrorCode } from './errors';
import { loadPerson, lockPerson } from './facts';

export interface InfoSheetCommand {
  transferId: string;
  periods: Array<{ scheme: 'EMPLOYEE' | 'RESIDENT'; regionCode: string; from: string; to: string }>;
}

/**
 * The periods of an inbound transfer's information sheet (参保人员基本医疗保险信息表), as checked by agency staff
 * (T6, T7). The transfer events carry no periods, so the sheet's periods are entered here; from them B3 counts
 * another province's employee years as deemed, and B2 counts resident years toward the years in a row.
 */
export class InfoSheets {
  constructor(private readonly runtime: ServiceRuntime) {}

  async record(command: InfoSheetCommand, actor: Identity): Promise<ContributionYears> {
    assertStaff(actor);
    const today = this.runtime.clock.today();
    const problems: FieldProblem[] = [];
    const regions: string[] = [];
    if (command.periods.length === 0)
      problems.push({
        field: 'input.periods',
        reason: { zh: '请至少填写一段缴费期间', en: 'at least one period is required' },
      });
    command.periods.forEach((p, i) => {
      const at = `input.periods.${i}`;
      const from = checkDate(`${at}.from`, p.from, today);
      const to = checkDate(`${at}.to`, p.to, today);
      if (from) problems.push(from);
      if (to) problems.push(to);
      if (!from && !to && p.to < p.from)
        problems.push({
          field: `${at}.to`,
          reason: { zh: '截止日期不能早于起始日期', en: 'the end must not be before the start' },
        });
      if (!to && p.to > today)
        problems.push({
          field: `${at}.to`,
          reason: {
            zh: `《信息表》只记载已发生的期间（不晚于 ${today}）`,
            en: `an info sheet reports past periods (not after ${today})`,
          },
        });
      const region = parseRegionCode(p.regionCode);
      if (!region.ok) problems.push({ field: `${at}.regionCode`, reason: region.reason });
      regions.push(region.ok ? region.value.code : p.regionCode);
    });
    if (problems.length) throw BenefitsError.problems(problems);

    const transfer = await this.runtime.dataSource.manager.findOne(TransferFactEntity, {
      where: { transferId: command.transferId },
    });
    if (!transfer)
      throw BenefitsError.invalid('input.transferId', {
        zh: `未知的转移接续 ${command.transferId}：尚未收到该转移的任何事件`,
        en: `unknown transfer ${command.transferId}: no event of it has arrived`,
      });
    if (transfer.direction !== 'INBOUND' || transfer.status === 'CANCELLED')
      throw BenefitsError.invalid('input.transferId', {
        zh: '只有未撤销的转入业务才有外省市《信息表》',
        en: 'only an inbound transfer that is not cancelled brings an info sheet',
      });

    return this.runtime.command(async (manager) => {
      await lockPerson(manager, transfer.personId);
      const already = await manager.count(InfoSheetPeriodEntity, { where: { transferId: command.transferId } });
      if (already > 0)
        throw new BenefitsError(
          BenefitsErrorCode.ALREADY_RECORDED,
          {
            zh: '该转移接续的《信息表》已录入',
            en: "this transfer's info sheet is already recorded",
          },
          { id: command.transferId },
        );
      const now = this.runtime.clock.now();
      await manager.insert(
        InfoSheetPeriodEntity,
        command.periods.map((p, i) => ({
          transferId: command.transferId,
          personId: transfer.personId,
          scheme: p.scheme,
          regionCode: regions[i] ?? p.regionCode,
          fromDate: p.from,
          toDate: p.to,
          recordedBy: actor.subject,
          recordedAt: now,
        })),
      );
      const record = await loadPerson(manager, transfer.personId);
      return contributionYears(record.spans, today);
    });
  }
}
