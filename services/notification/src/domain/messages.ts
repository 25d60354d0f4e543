import type { EventData } from '@yibao/shared';

/** What a person is told, in Chinese (the person's language) — pure, so each text is unit-tested. */
export interface MessageDraft {
  channel: 'SMS' | 'IN_APP' | 'STAFF';
  rule: string;
  title: string;
  body: string;
}

function maskIdNumber(idNumber: string): string {
  return idNumber.length > 8
    ? `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`
    : idNumber;
}

/** N2: a person registered with the agency gets an in-app welcome they can query. */
export function personRegisteredMessage(data: EventData<'person-registered'>): MessageDraft {
  return {
    channel: 'IN_APP',
    rule: 'N2',
    title: '参保人信息已登记',
    body: `${data.name}（证件号 ${maskIdNumber(data.idNumber)}）的参保人信息已于 ${data.registeredAt.slice(0, 10)} 在天津市医保经办机构登记。`,
  };
}
