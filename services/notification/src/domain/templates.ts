/**
 * The message texts, kept as data: one template per event type and channel (a second in-app text for one event has
 * its own purpose in the key), in Chinese — what the person reads — and English — what integrators, logs and
 * English-speaking staff read. `{name}` is a variable; every variable a text uses is declared in `variables`, and the
 * renderer refuses a text that uses an undeclared one or a declared one the event did not give (see render.ts).
 *
 * An SMS text carries no signature: the sender adds 【SMS_SIGNATURE】 in front, as the operator's gateway requires.
 */

export type Channel = 'SMS' | 'IN_APP' | 'STAFF';
export type NRule = 'N1' | 'N2' | 'N3' | 'N4';

/** The events whose messages have templates (every topic the notification service consumes). */
export type TemplateEvent =
  | 'person-registered'
  | 'person-updated'
  | 'relation-registered'
  | 'relation-suspended'
  | 'relation-resumed'
  | 'relation-terminated'
  | 'consent-signed'
  | 'contribution-recorded'
  | 'contribution-refunded'
  | 'transfer-status-changed'
  | 'account-transferred'
  | 'transfer-deadline-alert'
  | 'waiting-period-assigned'
  | 'benefit-status-changed';

export interface Text {
  zh: string;
  en: string;
}

export interface MessageTemplate {
  /** `<event>:<channel>`, or `<event>:<channel>:<purpose>` for a second text of one event and channel. */
  key: string;
  event: TemplateEvent;
  channel: Channel;
  /** Declared variables: the only names `{…}` may use, each one the event must give. */
  variables: readonly string[];
  /** An urgent SMS goes out during quiet hours; the others wait for their end. */
  urgent: boolean;
  title: Text;
  body: Text;
}

export const TEMPLATES: readonly MessageTemplate[] = [
  {
    key: 'person-registered:IN_APP',
    event: 'person-registered',
    channel: 'IN_APP',
    variables: ['name', 'idNumber', 'date'],
    urgent: false,
    title: { zh: '参保人信息已登记', en: 'Insured person registered' },
    body: {
      zh: '{name}（证件号 {idNumber}）的参保人信息已于 {date} 在天津市医保经办机构登记。',
      en: 'The insured-person record of {name} (ID {idNumber}) was registered with the Tianjin medical insurance agency on {date}.',
    },
  },
  {
    key: 'person-updated:IN_APP',
    event: 'person-updated',
    channel: 'IN_APP',
    variables: ['idType', 'idNumber', 'date'],
    urgent: false,
    title: { zh: '参保人证件信息已变更', en: 'Identity document updated' },
    body: {
      zh: '您的证件信息已于 {date} 变更，现登记的证件为{idType}（{idNumber}）。',
      en: 'Your identity document on record was changed on {date}; it is now a {idType} ({idNumber}).',
    },
  },
  {
    key: 'relation-registered:IN_APP',
    event: 'relation-registered',
    channel: 'IN_APP',
    variables: ['relation', 'startDate'],
    urgent: false,
    title: { zh: '参保登记成功', en: 'Insurance relation registered' },
    body: {
      zh: '您的{relation}参保关系已登记，自 {startDate} 起参保。',
      en: 'Your {relation} insurance relation has been registered; you are insured from {startDate}.',
    },
  },
  {
    key: 'relation-registered:IN_APP:lapse-warning',
    event: 'relation-registered',
    channel: 'IN_APP',
    variables: ['lapse', 'resumesOn'],
    urgent: false,
    title: { zh: '断保后再参保：待遇等待期提示', en: 'Re-enrolling after a lapse: waiting period' },
    body: {
      zh: '您{lapse}，本次自 {resumesOn} 起重新参保，可能需经过待遇等待期后才能享受医保待遇。可通过补缴修复缩短变动等待期，详情请咨询医保经办机构。',
      en: 'You {lapse}; you are insured again from {resumesOn}, and benefits may start only after a waiting period. Back-payments can shorten its variable part; ask the agency for details.',
    },
  },
  {
    key: 'relation-suspended:IN_APP',
    event: 'relation-suspended',
    channel: 'IN_APP',
    variables: ['relation', 'effectiveDate', 'reason', 'coverage', 'nextStep'],
    urgent: false,
    title: { zh: '参保关系已暂停', en: 'Insurance relation suspended' },
    body: {
      zh: '您的{relation}参保关系已于 {effectiveDate} 暂停（{reason}）{coverage}。{nextStep}',
      en: 'Your {relation} insurance relation was suspended on {effectiveDate} ({reason}){coverage}. {nextStep}',
    },
  },
  {
    key: 'relation-suspended:SMS',
    event: 'relation-suspended',
    channel: 'SMS',
    variables: ['relation', 'effectiveDate', 'reason', 'coverage', 'nextStep'],
    urgent: false,
    title: { zh: '参保关系暂停提醒', en: 'Insurance relation suspended' },
    body: {
      zh: '您的{relation}参保关系已于 {effectiveDate} 暂停（{reason}）{coverage}。{nextStep}',
      en: 'Your {relation} insurance relation was suspended on {effectiveDate} ({reason}){coverage}. {nextStep}',
    },
  },
  {
    key: 'relation-resumed:IN_APP',
    event: 'relation-resumed',
    channel: 'IN_APP',
    variables: ['relation', 'effectiveDate', 'reason'],
    urgent: false,
    title: { zh: '参保关系已恢复', en: 'Insurance relation resumed' },
    body: {
      zh: '您的{relation}参保关系已于 {effectiveDate} 恢复正常参保（{reason}）。',
      en: 'Your {relation} insurance relation is active again from {effectiveDate} ({reason}).',
    },
  },
  {
    key: 'relation-terminated:IN_APP',
    event: 'relation-terminated',
    channel: 'IN_APP',
    variables: ['relation', 'effectiveDate', 'reason'],
    urgent: false,
    title: { zh: '参保关系已终止', en: 'Insurance relation terminated' },
    body: {
      zh: '您的{relation}参保关系已于 {effectiveDate} 终止（{reason}）。',
      en: 'Your {relation} insurance relation was terminated on {effectiveDate} ({reason}).',
    },
  },
  {
    key: 'consent-signed:IN_APP',
    event: 'consent-signed',
    channel: 'IN_APP',
    variables: ['date', 'channel'],
    urgent: false,
    title: { zh: '《知情同意书》已签署', en: 'Informed consent signed' },
    body: {
      zh: '您已于 {date} {channel}签署《知情同意书》，授权医保部门在新的参保登记完成后自动暂停原参保关系。',
      en: 'You signed the informed consent {channel} on {date}: the agency will suspend your original relation once the new registration is done.',
    },
  },
  {
    key: 'contribution-recorded:IN_APP',
    event: 'contribution-recorded',
    channel: 'IN_APP',
    variables: ['year', 'scheme', 'kind', 'amount', 'paidOn'],
    urgent: false,
    title: { zh: '缴费已到账', en: 'Contribution recorded' },
    body: {
      zh: '您 {year} 年度{scheme}{kind} {amount} 元已于 {paidOn} 到账。',
      en: 'Your {year} {scheme} {kind} of CNY {amount} was recorded on {paidOn}.',
    },
  },
  {
    key: 'contribution-refunded:IN_APP',
    event: 'contribution-refunded',
    channel: 'IN_APP',
    variables: ['year', 'scheme', 'amount', 'refundedOn'],
    urgent: false,
    title: { zh: '退费已办结', en: 'Contribution refunded' },
    body: {
      zh: '您 {year} 年度{scheme}缴费 {amount} 元已于 {refundedOn} 由税务部门退费。如需办理新的参保登记，现可继续办理。',
      en: 'Your {year} {scheme} contribution of CNY {amount} was refunded by the tax authority on {refundedOn}. A new registration that waited for the refund may go ahead.',
    },
  },
  {
    key: 'transfer-status-changed:IN_APP',
    event: 'transfer-status-changed',
    channel: 'IN_APP',
    variables: ['route', 'mode', 'step', 'due'],
    urgent: false,
    title: { zh: '转移接续进度：{step}', en: 'Transfer progress: {step}' },
    body: {
      zh: '您的医保关系转移接续（{route}，{mode}）{step}。{due}',
      en: 'Your medical insurance transfer ({route}, {mode}): {step}. {due}',
    },
  },
  {
    key: 'transfer-status-changed:SMS',
    event: 'transfer-status-changed',
    channel: 'SMS',
    variables: ['route', 'step', 'due'],
    urgent: false,
    title: { zh: '转移接续进度提醒', en: 'Transfer progress' },
    body: {
      zh: '您的医保关系转移接续（{route}）{step}。{due}',
      en: 'Your medical insurance transfer ({route}): {step}. {due}',
    },
  },
  {
    key: 'account-transferred:IN_APP',
    event: 'account-transferred',
    channel: 'IN_APP',
    variables: ['route', 'amount', 'on', 'movement'],
    urgent: false,
    title: { zh: '个人账户资金划转', en: 'Personal account money moved' },
    body: {
      zh: '您医保关系转移接续（{route}）的职工医保个人账户资金 {amount} 元已于 {on} {movement}。',
      en: 'CNY {amount} of your employee-scheme personal account ({route}) was {movement} on {on}.',
    },
  },
  {
    key: 'account-transferred:SMS',
    event: 'account-transferred',
    channel: 'SMS',
    variables: ['route', 'amount', 'on', 'movement'],
    urgent: false,
    title: { zh: '个人账户资金划转', en: 'Personal account money moved' },
    body: {
      zh: '您医保关系转移接续（{route}）的个人账户资金 {amount} 元已于 {on} {movement}。',
      en: 'CNY {amount} of your personal account ({route}) was {movement} on {on}.',
    },
  },
  {
    key: 'transfer-deadline-alert:STAFF',
    event: 'transfer-deadline-alert',
    channel: 'STAFF',
    variables: ['level', 'direction', 'mode', 'step', 'dueOn', 'left', 'district', 'transferId'],
    urgent: false,
    title: { zh: '【{level}】转移接续办理时限', en: '[{level}] transfer deadline' },
    body: {
      zh: '{direction}转移接续（{mode}，编号 {transferId}）当前环节“{step}”应于 {dueOn} 前办结，{left}。经办分中心：{district}。',
      en: '{direction} transfer ({mode}, no. {transferId}): the step "{step}" is due on {dueOn}; {left}. Handling branch: {district}.',
    },
  },
  {
    key: 'waiting-period-assigned:IN_APP',
    event: 'waiting-period-assigned',
    channel: 'IN_APP',
    variables: ['scheme', 'coveredFrom', 'summary', 'explanation'],
    urgent: false,
    title: { zh: '医保待遇享受时间', en: 'When your benefits start' },
    body: {
      zh: '您的{scheme}待遇自 {coveredFrom} 起享受。{summary}计算过程：{explanation}',
      en: 'Your {scheme} benefits start on {coveredFrom}. {summary}How it was worked out: {explanation}',
    },
  },
  {
    key: 'waiting-period-assigned:SMS',
    event: 'waiting-period-assigned',
    channel: 'SMS',
    variables: ['scheme', 'coveredFrom', 'summary'],
    urgent: false,
    title: { zh: '待遇等待期提醒', en: 'Waiting period' },
    body: {
      zh: '您的{scheme}待遇自 {coveredFrom} 起享受。{summary}详情请在津医保APP查看。',
      en: 'Your {scheme} benefits start on {coveredFrom}. {summary}Details in the Jin Yibao app.',
    },
  },
  {
    key: 'benefit-status-changed:IN_APP',
    event: 'benefit-status-changed',
    channel: 'IN_APP',
    variables: ['status', 'previous', 'effectiveDate', 'reason'],
    urgent: false,
    title: { zh: '医保待遇状态：{status}', en: 'Benefit status: {status}' },
    body: {
      zh: '自 {effectiveDate} 起，您的医保待遇状态{previous}为“{status}”（{reason}）。',
      en: 'From {effectiveDate} your benefit status is "{status}"{previous} ({reason}).',
    },
  },
];

/** A catalogue by key; the default is the built-in one above. */
export type TemplateCatalogue = ReadonlyMap<string, MessageTemplate>;

export function catalogue(templates: readonly MessageTemplate[] = TEMPLATES): TemplateCatalogue {
  const map = new Map<string, MessageTemplate>();
  for (const t of templates) {
    if (map.has(t.key)) throw new Error(`template ${t.key} is defined twice`);
    map.set(t.key, t);
  }
  return map;
}
