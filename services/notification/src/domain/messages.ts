import { chinaToday, type EventData } from '@yibao/shared';

/** What a person is told, in Chinese (the person's language) — pure, so each text is unit-tested. */
export interface MessageDraft {
  channel: 'SMS' | 'IN_APP' | 'STAFF';
  rule: string;
  title: string;
  body: string;
}

type Relation = EventData<'relation-registered'>['relation'];

const SCHEME: Record<Relation['scheme'], string> = { EMPLOYEE: '职工医保', RESIDENT: '居民医保' };
/** Rules whose suspensions come from a batch (N3: they must reach the person, also by SMS). */
const BATCH_RULES = new Set(['E12', 'E13', 'E14']);

function maskIdNumber(idNumber: string): string {
  return idNumber.length > 8
    ? `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`
    : idNumber;
}

function describe(r: Relation): string {
  const unit = r.unitName ? `（${r.unitName}）` : '';
  return `${SCHEME[r.scheme]}${unit}`;
}

/** N2: a person registered with the agency gets an in-app welcome they can query. */
export function personRegisteredMessage(data: EventData<'person-registered'>): MessageDraft {
  return {
    channel: 'IN_APP',
    rule: 'N2',
    title: '参保人信息已登记',
    body: `${data.name}（证件号 ${maskIdNumber(data.idNumber)}）的参保人信息已于 ${chinaToday(new Date(data.registeredAt))} 在天津市医保经办机构登记。`,
  };
}

/** N2 for the registration; N3 for E13's lapse warning (the waiting period the lapse may bring). */
export function relationRegisteredMessages(data: EventData<'relation-registered'>): MessageDraft[] {
  const r = data.relation;
  const drafts: MessageDraft[] = [
    {
      channel: 'IN_APP',
      rule: 'N2',
      title: '参保登记成功',
      body: `您的${describe(r)}参保关系已登记，自 ${r.startDate} 起参保。`,
    },
  ];
  for (const w of data.warnings ?? []) {
    if (w.rule !== 'E13' || !w.lapse) continue;
    const years = w.lapse.lapseYears.length > 0 ? `${w.lapse.lapseYears.join('、')} 年未参保（断保）` : '参保曾有中断';
    drafts.push({
      channel: 'IN_APP',
      rule: 'N3',
      title: '断保后再参保：待遇等待期提示',
      body: `您${years}，本次自 ${w.lapse.resumesOn} 起重新参保，可能需经过待遇等待期后才能享受医保待遇。可通过补缴修复缩短变动等待期，详情请咨询医保经办机构。`,
    });
  }
  return drafts;
}

const NEXT_STEP: Record<string, string> = {
  E12: '毕业后请及时在就业单位或户籍地参保，避免断保。',
  E13: '您未在集中参保缴费期内缴纳下一年度居民医保费，如需继续参保请尽快缴费；断保后再参保可能有待遇等待期。',
  E14: '新生儿出生超过 180 天仍未登记身份证号码，请尽快办理户籍和身份证号码登记，登记后将恢复参保和待遇。',
};

/** N2 for every suspension; N3 (in-app and SMS) for the batch suspensions. Whether the SMS can go is smsDelivery's. */
export function relationSuspendedMessages(data: EventData<'relation-suspended'>): MessageDraft[] {
  const r = data.relation;
  const covered = data.coveredUntil ? `，职工医保待遇保障至 ${data.coveredUntil}` : '';
  const body = `您的${describe(r)}参保关系已于 ${data.effectiveDate} 暂停（${data.reason.zh}）${covered}。`;
  if (!BATCH_RULES.has(data.cause)) return [{ channel: 'IN_APP', rule: 'N2', title: '参保关系已暂停', body }];
  const full = `${body}${NEXT_STEP[data.cause] ?? ''}`;
  return [
    { channel: 'IN_APP', rule: 'N3', title: '参保关系已暂停', body: full },
    { channel: 'SMS', rule: 'N3', title: '【天津医保】参保关系暂停提醒', body: `【天津医保】${full}` },
  ];
}

/** What the notification service knows of a person's reach: null until their person-registered has arrived. */
export type KnownRecipient = { mobile: string | null } | null;

export interface SmsDelivery {
  status: 'SENT' | 'HELD' | 'UNDELIVERABLE';
  mobile: string | null;
}

/**
 * N3 by SMS whatever order the events arrive in (Kafka orders nothing across topics): an SMS for a person not known
 * yet is HELD until their person-registered brings the number; a person known to have no number cannot get it
 * (UNDELIVERABLE, kept on record rather than dropped).
 */
export function smsDelivery(recipient: KnownRecipient): SmsDelivery {
  if (recipient === null) return { status: 'HELD', mobile: null };
  if (recipient.mobile === null) return { status: 'UNDELIVERABLE', mobile: null };
  return { status: 'SENT', mobile: recipient.mobile };
}

export function relationResumedMessage(data: EventData<'relation-resumed'>): MessageDraft {
  return {
    channel: 'IN_APP',
    rule: 'N2',
    title: '参保关系已恢复',
    body: `您的${describe(data.relation)}参保关系已于 ${data.effectiveDate} 恢复正常参保（${data.reason.zh}）。`,
  };
}

export function relationTerminatedMessage(data: EventData<'relation-terminated'>): MessageDraft {
  return {
    channel: 'IN_APP',
    rule: 'N2',
    title: '参保关系已终止',
    body: `您的${describe(data.relation)}参保关系已于 ${data.effectiveDate} 终止（${data.reason.zh}）。`,
  };
}
