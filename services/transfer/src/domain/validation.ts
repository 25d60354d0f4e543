import { isIsoDate, parseRegionCode } from '@yibao/shared';
import type { FieldProblem } from './documents';
import { directionOf } from './regions';
import {
  APPLICATION_CHANNELS,
  type IsoDate,
  type Mode,
  type OtherRegionAttestation,
  type TransferChannel,
} from './types';

/**
 * Whether an application's input fits before anything is read (T1, T3): both regions exist and differ, exactly one
 * is Tianjin (a move between two Tianjin districts is no transfer), the channel is one of T4's, a postal outbound
 * transfer starts with the other agency's letter, the attested year is a year. Every problem at once, by field.
 */
export function validateApplication(a: {
  sourceRegion: string;
  destinationRegion: string;
  mode: Mode;
  channel: TransferChannel;
  otherRegion: OtherRegionAttestation | null;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['sourceRegion', 'destinationRegion'] as const) {
    const r = parseRegionCode(a[field]);
    if (!r.ok) problems.push({ field, reason: r.reason });
  }
  if (a.sourceRegion === a.destinationRegion) {
    problems.push({
      field: 'destinationRegion',
      reason: { zh: '转入地不能与转出地相同', en: 'the destination cannot be the source' },
    });
  } else if (!directionOf(a.sourceRegion, a.destinationRegion)) {
    problems.push({
      field: 'destinationRegion',
      reason: {
        zh: '转出地和转入地须有且只有一方为本市（本市各区之间不属于跨统筹地区转移）',
        en: 'exactly one of source and destination is Tianjin (moves between Tianjin districts are not transfers)',
      },
    });
  }
  if (a.channel !== 'POST' && !APPLICATION_CHANNELS.includes(a.channel)) {
    problems.push({ field: 'channel', reason: { zh: '不支持的申请渠道', en: 'unknown channel' } });
  }
  if (directionOf(a.sourceRegion, a.destinationRegion) === 'OUTBOUND' && a.mode === 'POSTAL' && a.channel !== 'POST') {
    problems.push({
      field: 'mode',
      reason: {
        zh: '邮寄信函模式的转出由外省市经办机构出具《联系函》发起，请按“收到联系函”办理',
        en: "a postal outbound transfer starts with the other agency's contact letter (recordContactLetterReceived)",
      },
    });
  }
  const year = a.otherRegion?.periodYear ?? null;
  if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    problems.push({ field: 'otherRegion.periodYear', reason: { zh: '年度不正确', en: 'not a year' } });
  }
  return problems;
}

/** T9, postal: the other agency's contact letter as the clerk enters it — number, agency, dates in order. */
export function validateReceivedLetter(
  l: { letterNo: string; issuingAgency: string; issuedOn: IsoDate; receivedOn: IsoDate },
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!l.letterNo.trim()) {
    problems.push({ field: 'letter.letterNo', reason: { zh: '请填写联系函编号', en: 'letterNo is required' } });
  }
  if (!l.issuingAgency.trim()) {
    problems.push({
      field: 'letter.issuingAgency',
      reason: { zh: '请填写出具联系函的经办机构', en: 'issuingAgency is required' },
    });
  }
  if (!isIsoDate(l.receivedOn) || l.receivedOn > today) {
    problems.push({
      field: 'letter.receivedOn',
      reason: { zh: '收函日期不能晚于今天', en: 'receivedOn cannot be after today' },
    });
  }
  if (!isIsoDate(l.issuedOn) || (isIsoDate(l.receivedOn) && l.issuedOn > l.receivedOn)) {
    problems.push({
      field: 'letter.issuedOn',
      reason: { zh: '出具日期不能晚于收函日期', en: 'issuedOn cannot be after receivedOn' },
    });
  }
  return problems;
}
