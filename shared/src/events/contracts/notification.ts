import { z } from 'zod';
import { contract, isoDateTime } from './common';

/** Events published by the notification service (N rules), for integrators that track delivery. */
const notificationSent = contract({
  name: 'notification-sent',
  version: 1,
  producer: 'notification',
  description: 'A message (SMS or in-app) was sent to a person or to staff.',
  schema: z.object({
    messageId: z.string().uuid(),
    personId: z.string().uuid().nullable(),
    channel: z.enum(['SMS', 'IN_APP', 'STAFF']),
    rule: z.string(),
    causedBy: z.string().uuid(),
    sentAt: isoDateTime,
  }),
});

export const NOTIFICATION_CONTRACTS = {
  'notification-sent': notificationSent,
} as const;
