import { parseMobile } from '@yibao/shared';
import type { Text } from './templates';

/** What the notification service knows of a person's reach: null until their person-registered has arrived. */
export type KnownRecipient = { mobile: string | null } | null;

/**
 * Where an SMS goes next, decided before anything is sent:
 * - HOLD: the person is not known yet (Kafka orders nothing across topics: a suspension may arrive before its
 *   person-registered); released when they are;
 * - UNDELIVERABLE: the person is known to have no mobile number; kept on record, not dropped;
 * - REFUSE: the number on record is not a mainland mobile number (bad input): the message is parked as FAILED with the
 *   reason, never handed to the gateway;
 * - QUEUE: to the 11-digit national number.
 */
export type SmsRoute =
  | { kind: 'HOLD' }
  | { kind: 'UNDELIVERABLE'; reason: Text }
  | { kind: 'REFUSE'; reason: Text }
  | { kind: 'QUEUE'; mobile: string };

export function routeSms(recipient: KnownRecipient): SmsRoute {
  if (recipient === null) return { kind: 'HOLD' };
  if (recipient.mobile === null || recipient.mobile.trim() === '')
    return {
      kind: 'UNDELIVERABLE',
      reason: { zh: '参保人未登记手机号码', en: 'the person has no mobile number on record' },
    };
  const parsed = parseMobile(recipient.mobile);
  if (!parsed.ok) return { kind: 'REFUSE', reason: parsed.reason };
  return { kind: 'QUEUE', mobile: parsed.value };
}
