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

const notificationFailed = contract({
  name: 'notification-failed',
  version: 1,
  producer: 'notification',
  description:
    'A message could not be delivered after its last try (or was refused before sending: a bad number, an unknown template ' +
    'variable); it is parked and staff may retry it.',
  schema: z.object({
    messageId: z.string().uuid(),
    personId: z.string().uuid().nullable(),
    channel: z.enum(['SMS', 'IN_APP', 'STAFF']),
    rule: z.string(),
    causedBy: z.string().uuid(),
    attempts: z.number().int().nonnegative(),
    error: z.string(),
    failedAt: isoDateTime,
  }),
});

export const NOTIFICATION_CONTRACTS = {
  'notification-sent': notificationSent,
  'notification-failed': notificationFailed,
} as const;
