import { chinaDate, maskIdNumber, parseRegionCode, type EventData } from '@yibao/shared';
import type { Variables } from './render';
import type { Channel, NRule, TemplateEvent, Text } from './templates';

/**
 * Which messages an event deserves, by rule (N1–N4): the template, the channel, the rule it fulfils, its variables
 * (masked where they carry a number) and the district whose staff may see it. Pure: the application layer renders,
 * stores and delivers what this returns.
 */
export interface PlannedMessage {
  template: string;
  channel: Channel;
  rule: NRule;
  /** The person the message is to or about (a deadline alert is about the transfer's person). */
  personId: string;
  /** The Tianjin district (1201xx) whose branch may see the message in the staff views; null: the city centre only. */
  district: string | null;
  /** SMS only: an urgent SMS is sent during quiet hours. */
  urgent: boolean;
  variables: Variables;
}

type Data<N extends TemplateEvent> = EventData<N>;
type Relation = Data<'relation-registered'>['relation'];
type TransferFacts = Data<'transfer-status-changed'>;

const SCHEME: Record<Relation['scheme'], Text> = {
  EMPLOYEE: { zh: '职工医保', en: 'employee scheme' },
  RESIDENT: { zh: '居民医保', en: 'resident scheme' },
};

/** Suspensions made by a batch (E12 graduation, E13 year end, E14 newborns): N3 says they must reach the person. */
const BATCH_NEXT_STEP: Record<string, Text> = {
  E12: {
    zh: '毕业后请及时在就业单位或户籍地参保，避免断保。',
    en: 'After graduating, enrol with your employer or where your household is registered, so as not to lapse.',
  },
  E13: {
    zh: '您未在集中参保缴费期内缴纳下一年度居民医保费，如需继续参保请尽快缴费；断保后再参保可能有待遇等待期。',
    en: 'Next year’s resident contribution was not paid in the centralised period; pay soon to stay insured. Re-enrolling after a lapse may bring a waiting period.',
  },
  E14: {
    zh: '新生儿出生超过 180 天仍未登记身份证号码，请尽快办理户籍和身份证号码登记，登记后将恢复参保和待遇。',
    en: 'The newborn has no ID number more than 180 days after birth; register the household and the ID number, and the relation and its benefits are restored.',
  },
};
/**
 * E14 suspends a newborn's benefits with the relation: the parents must know before they next take the child to a
 * doctor, so that SMS is urgent (sent during quiet hours). Every other SMS waits for the end of quiet hours.
 */
const URGENT_CAUSES = new Set(['E14']);

const TRANSFER_STEP: Record<TransferFacts['status'], Text> = {
  ACCEPTED: { zh: '申请已受理', en: 'your application was accepted' },
  CONTACT_LETTER_SENT: {
    zh: '《联系函》已开具并寄往转出地经办机构',
    en: 'the contact letter was issued and posted to the source region',
  },
  CONTACT_LETTER_RECEIVED: {
    zh: '已收到转入地经办机构的《联系函》',
    en: 'the contact letter of the destination arrived',
  },
  INFO_SHEET_RECEIVED: { zh: '已收到《信息表》，正在核对', en: 'the information sheet arrived and is being checked' },
  TRANSFERRED_IN: { zh: '医保关系已转入本市', en: 'the relation was transferred into Tianjin' },
  TRANSFERRED_OUT: { zh: '医保关系已从本市转出', en: 'the relation was transferred out of Tianjin' },
  INFO_SHEET_SENT: { zh: '《信息表》已寄出或上传至转入地', en: 'the information sheet was sent to the destination' },
  COMPLETED: { zh: '已办结', en: 'completed' },
  CANCELLED: { zh: '已撤销', en: 'cancelled' },
};
const MODE: Record<TransferFacts['mode'], Text> = {
  POSTAL: { zh: '邮寄信函模式', en: 'postal mode' },
  ONLINE: { zh: '一网通办模式', en: 'online mode' },
};
const DIRECTION: Record<TransferFacts['direction'], Text> = {
  INBOUND: { zh: '转入', en: 'Inbound' },
  OUTBOUND: { zh: '转出', en: 'Outbound' },
};
const LEVEL: Record<Data<'transfer-deadline-alert'>['level'], Text> = {
  DUE_SOON: { zh: '即将到期', en: 'due soon' },
  OVERDUE: { zh: '已逾期', en: 'overdue' },
};
const BENEFIT_STATUS: Record<Data<'benefit-status-changed'>['status'], Text> = {
  COVERED: { zh: '正常享受', en: 'covered' },
  WAITING: { zh: '等待期中', en: 'in a waiting period' },
  SUSPENDED: { zh: '暂停享受', en: 'suspended' },
  NOT_INSURED: { zh: '未参保', en: 'not insured' },
};
const CONTRIBUTION_KIND: Record<Data<'contribution-recorded'>['kind'], Text> = {
  NORMAL: { zh: '缴费', en: 'contribution' },
  PREPAYMENT: { zh: '预缴', en: 'prepayment' },
  BACK_PAYMENT: { zh: '补缴', en: 'back-payment' },
};
const ID_TYPE: Record<Data<'person-updated'>['idType'], Text> = {
  RESIDENT_ID: { zh: '居民身份证', en: 'resident ID card' },
  BIRTH_CERTIFICATE: { zh: '出生医学证明', en: 'birth certificate' },
  PASSPORT: { zh: '护照', en: 'passport' },
  HK_MACAO_PERMIT: { zh: '港澳居民居住证', en: 'Hong Kong or Macao residence permit' },
  TAIWAN_PERMIT: { zh: '台湾居民居住证', en: 'Taiwan residence permit' },
  FOREIGNER_PERMANENT_RESIDENCE: { zh: '外国人永久居留身份证', en: 'foreigner permanent residence ID card' },
};
const CONSENT_CHANNEL: Record<Data<'consent-signed'>['channel'], Text> = {
  ONLINE: { zh: '通过线上渠道', en: 'online' },
  COUNTER: { zh: '在经办窗口', en: 'at an agency counter' },
};

/** A Tianjin district code (1201xx), whose branch sees the message; anything else is the city centre's alone. */
export function districtOf(regionCode: string | null | undefined): string | null {
  return regionCode && /^1201\d\d$/.test(regionCode) ? regionCode : null;
}

function regionName(code: string): Text {
  const r = parseRegionCode(code);
  return { zh: r.ok ? r.value.fullName : code, en: code };
}

/** Integer fen as yuan with two decimals, without floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function relationText(r: Relation): Text {
  const scheme = SCHEME[r.scheme];
  return r.unitName
    ? { zh: `${scheme.zh}（${r.unitName}）`, en: `${scheme.en} (${r.unitName})` }
    : { zh: scheme.zh, en: scheme.en };
}

function route(t: Pick<TransferFacts, 'direction' | 'sourceRegion' | 'destinationRegion'>): Text {
  if (t.direction === 'INBOUND') {
    const from = regionName(t.sourceRegion);
    return { zh: `由${from.zh}转入本市`, en: `into Tianjin from ${from.en}` };
  }
  const to = regionName(t.destinationRegion);
  return { zh: `由本市转出至${to.zh}`, en: `out of Tianjin to ${to.en}` };
}

/** The Tianjin side of a transfer: the destination of an inbound one, the source of an outbound one. */
function transferDistrict(t: Pick<TransferFacts, 'direction' | 'sourceRegion' | 'destinationRegion'>): string | null {
  return districtOf(t.direction === 'INBOUND' ? t.destinationRegion : t.sourceRegion);
}

function message(
  template: string,
  channel: Channel,
  rule: NRule,
  personId: string,
  district: string | null,
  variables: Variables,
  urgent = false,
): PlannedMessage {
  return { template, channel, rule, personId, district, urgent, variables };
}

/** N2: the person's record was registered (the person is told in the app, with the ID number masked). */
function personRegistered(d: Data<'person-registered'>): PlannedMessage[] {
  return [
    message('person-registered:IN_APP', 'IN_APP', 'N2', d.personId, districtOf(d.householdRegion), {
      name: d.name,
      idNumber: maskIdNumber(d.idNumber),
      date: chinaDate(new Date(d.registeredAt)),
    }),
  ];
}

/** N2: an identity change (E14: a newborn's resident ID replaces the birth certificate). */
function personUpdated(d: Data<'person-updated'>): PlannedMessage[] {
  return [
    message('person-updated:IN_APP', 'IN_APP', 'N2', d.personId, null, {
      idType: ID_TYPE[d.idType],
      idNumber: maskIdNumber(d.idNumber),
      date: chinaDate(new Date(d.updatedAt)),
    }),
  ];
}

/** N2 for the registration; N3 for E13's lapse warning (the waiting period the lapse may bring). */
function relationRegistered(d: Data<'relation-registered'>): PlannedMessage[] {
  const r = d.relation;
  const district = districtOf(r.regionCode);
  const planned = [
    message('relation-registered:IN_APP', 'IN_APP', 'N2', r.personId, district, {
      relation: relationText(r),
      startDate: r.startDate,
    }),
  ];
  for (const w of d.warnings ?? []) {
    if (w.rule !== 'E13' || !w.lapse) continue;
    const years = w.lapse.lapseYears;
    const lapse: Text =
      years.length > 0
        ? { zh: `${years.join('、')} 年未参保（断保）`, en: `were not insured in ${years.join(', ')} (a lapse)` }
        : { zh: '参保曾有中断', en: 'had a gap in your insurance' };
    planned.push(
      message('relation-registered:IN_APP:lapse-warning', 'IN_APP', 'N3', r.personId, district, {
        lapse,
        resumesOn: w.lapse.resumesOn,
      }),
    );
  }
  return planned;
}

/** N2 for every suspension; N3 (in the app and by SMS) for a batch suspension, saying what to do next. */
function relationSuspended(d: Data<'relation-suspended'>): PlannedMessage[] {
  const r = d.relation;
  const district = districtOf(r.regionCode);
  const next = BATCH_NEXT_STEP[d.cause];
  const variables: Variables = {
    relation: relationText(r),
    effectiveDate: d.effectiveDate,
    reason: d.reason,
    coverage: d.coveredUntil
      ? { zh: `，职工医保待遇保障至 ${d.coveredUntil}`, en: `; employee benefits continue until ${d.coveredUntil}` }
      : '',
    nextStep: next ?? '',
  };
  if (!next) return [message('relation-suspended:IN_APP', 'IN_APP', 'N2', r.personId, district, variables)];
  return [
    message('relation-suspended:IN_APP', 'IN_APP', 'N3', r.personId, district, variables),
    message('relation-suspended:SMS', 'SMS', 'N3', r.personId, district, variables, URGENT_CAUSES.has(d.cause)),
  ];
}

function relationChanged(
  template: 'relation-resumed:IN_APP' | 'relation-terminated:IN_APP',
  d: Data<'relation-resumed'>,
): PlannedMessage[] {
  const r = d.relation;
  return [
    message(template, 'IN_APP', 'N2', r.personId, districtOf(r.regionCode), {
      relation: relationText(r),
      effectiveDate: d.effectiveDate,
      reason: d.reason,
    }),
  ];
}

/** N2: the consent that authorises the automatic suspension of the original relation (E5, E16). */
function consentSigned(d: Data<'consent-signed'>): PlannedMessage[] {
  return [
    message('consent-signed:IN_APP', 'IN_APP', 'N2', d.personId, null, {
      date: chinaDate(new Date(d.signedAt)),
      channel: CONSENT_CHANNEL[d.channel],
    }),
  ];
}

function contributionRecorded(d: Data<'contribution-recorded'>): PlannedMessage[] {
  return [
    message('contribution-recorded:IN_APP', 'IN_APP', 'N2', d.personId, null, {
      year: String(d.year),
      scheme: SCHEME[d.scheme],
      kind: CONTRIBUTION_KIND[d.kind],
      amount: yuan(d.amountFen),
      paidOn: d.paidOn,
    }),
  ];
}

/** N2: a refund lifts the E2/E9 refusal that waited for it. */
function contributionRefunded(d: Data<'contribution-refunded'>): PlannedMessage[] {
  return [
    message('contribution-refunded:IN_APP', 'IN_APP', 'N2', d.personId, null, {
      year: String(d.year),
      scheme: SCHEME[d.scheme],
      amount: yuan(d.amountFen),
      refundedOn: d.refundedOn,
    }),
  ];
}

/**
 * N2: every step of every transfer reaches the person in the app (online mode: that is where they follow it, T8);
 * N1: a postal-mode transfer also sends an SMS at each step (T8: 以短信推送方式告知参保人员).
 */
function transferStatusChanged(d: Data<'transfer-status-changed'>): PlannedMessage[] {
  const district = transferDistrict(d);
  const variables: Variables = {
    route: route(d),
    mode: MODE[d.mode],
    step: TRANSFER_STEP[d.status],
    due: d.dueOn ? { zh: `下一环节应于 ${d.dueOn} 前办结。`, en: `The next step is due by ${d.dueOn}.` } : '',
  };
  const planned = [message('transfer-status-changed:IN_APP', 'IN_APP', 'N2', d.personId, district, variables)];
  if (d.mode === 'POSTAL')
    planned.push(message('transfer-status-changed:SMS', 'SMS', 'N1', d.personId, district, variables));
  return planned;
}

/** The account money of a transfer is a step too (T6, T9): in the app (N2), and by SMS for postal mode (N1). */
function accountTransferred(d: Data<'account-transferred'>): PlannedMessage[] {
  const district = transferDistrict(d);
  const variables: Variables = {
    route: route(d),
    amount: yuan(d.amountFen),
    on: d.on,
    movement:
      d.direction === 'INBOUND'
        ? { zh: '记入您的个人账户', en: 'credited to your account' }
        : { zh: '划转至转入地', en: 'sent to the destination region' },
  };
  const planned = [message('account-transferred:IN_APP', 'IN_APP', 'N2', d.personId, district, variables)];
  if (d.mode === 'POSTAL')
    planned.push(message('account-transferred:SMS', 'SMS', 'N1', d.personId, district, variables));
  return planned;
}

/** N4 / T10: a working-day deadline near or past due reaches the district branch that handles it (and the city centre). */
function transferDeadlineAlert(d: Data<'transfer-deadline-alert'>): PlannedMessage[] {
  const n = d.workingDaysLeft;
  return [
    message('transfer-deadline-alert:STAFF', 'STAFF', 'N4', d.personId, districtOf(d.handlingDistrict), {
      level: LEVEL[d.level],
      direction: DIRECTION[d.direction],
      mode: MODE[d.mode],
      step: d.step,
      dueOn: d.dueOn,
      left:
        n >= 0
          ? { zh: `剩余 ${n} 个工作日`, en: `${n} working day(s) left` }
          : { zh: `已逾期 ${-n} 个工作日`, en: `${-n} working day(s) overdue` },
      district: regionName(d.handlingDistrict),
      transferId: d.transferId,
    }),
  ];
}

/**
 * The waiting-period result (B6, B7) with its explanation, in the app. When the lapse brings a waiting period, it is
 * the consequence E13's lapse warning announced: N3, and an SMS too, as the person must know before seeking care.
 */
function waitingPeriodAssigned(d: Data<'waiting-period-assigned'>): PlannedMessage[] {
  const waiting = d.waitingMonths > 0;
  const parts = {
    zh: `固定 ${d.fixedMonths} + 变动 ${d.variableMonths} − 修复 ${d.repairedMonths}`,
    en: `fixed ${d.fixedMonths} + variable ${d.variableMonths} − repaired ${d.repairedMonths}`,
  };
  // A waiting period without a gap is not a lapse's: it comes from enrolling outside the centralised period (B7).
  const summary: Text = waiting
    ? d.lapseMonths > 0
      ? {
          zh: `因断保 ${d.lapseMonths} 个月，待遇等待期为 ${d.waitingMonths} 个月（${parts.zh}）。`,
          en: `Because of a lapse of ${d.lapseMonths} month(s), a waiting period of ${d.waitingMonths} month(s) applies (${parts.en}). `,
        }
      : {
          zh: `因未在集中参保缴费期内参保，待遇等待期为 ${d.waitingMonths} 个月（${parts.zh}）。`,
          en: `Because you enrolled outside the centralised enrolment period, a waiting period of ${d.waitingMonths} month(s) applies (${parts.en}). `,
        }
    : d.exemption
      ? { zh: `无待遇等待期（${d.exemption}）。`, en: `No waiting period applies (${d.exemption}). ` }
      : { zh: '无待遇等待期。', en: 'No waiting period applies. ' };
  const explanation: Text =
    d.explanation.length > 0
      ? { zh: d.explanation.map((e) => e.zh).join('；'), en: d.explanation.map((e) => e.en).join('; ') }
      : { zh: '无', en: 'none' };
  const rule: NRule = waiting || d.lapsed ? 'N3' : 'N2';
  const variables: Variables = { scheme: SCHEME[d.scheme], coveredFrom: d.coveredFrom, summary, explanation };
  const planned = [message('waiting-period-assigned:IN_APP', 'IN_APP', rule, d.personId, null, variables)];
  if (waiting) planned.push(message('waiting-period-assigned:SMS', 'SMS', 'N3', d.personId, null, variables));
  return planned;
}

/** N2: benefits follow the relation (E14 suspends both); the person can look the change up in the app. */
function benefitStatusChanged(d: Data<'benefit-status-changed'>): PlannedMessage[] {
  const prev = d.previousStatus ? BENEFIT_STATUS[d.previousStatus] : null;
  return [
    message('benefit-status-changed:IN_APP', 'IN_APP', 'N2', d.personId, null, {
      status: BENEFIT_STATUS[d.status],
      previous: prev ? { zh: `由“${prev.zh}”变更`, en: ` (was "${prev.en}")` } : '',
      effectiveDate: d.effectiveDate,
      reason: d.reason,
    }),
  ];
}

type Planner<N extends TemplateEvent> = (data: Data<N>) => PlannedMessage[];

const PLANNERS: { [N in TemplateEvent]: Planner<N> } = {
  'person-registered': personRegistered,
  'person-updated': personUpdated,
  'relation-registered': relationRegistered,
  'relation-suspended': relationSuspended,
  'relation-resumed': (d) => relationChanged('relation-resumed:IN_APP', d),
  'relation-terminated': (d) => relationChanged('relation-terminated:IN_APP', d),
  'consent-signed': consentSigned,
  'contribution-recorded': contributionRecorded,
  'contribution-refunded': contributionRefunded,
  'transfer-status-changed': transferStatusChanged,
  'account-transferred': accountTransferred,
  'transfer-deadline-alert': transferDeadlineAlert,
  'waiting-period-assigned': waitingPeriodAssigned,
  'benefit-status-changed': benefitStatusChanged,
};

/** Every topic the notification service consumes: each has a planner. */
export const CONSUMED_EVENTS = Object.keys(PLANNERS) as TemplateEvent[];

/** The messages an event deserves (N1–N4). */
export function planMessages<N extends TemplateEvent>(event: N, data: Data<N>): PlannedMessage[] {
  return (PLANNERS[event] as Planner<N>)(data);
}
