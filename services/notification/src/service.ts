import { defineSubgraph, lazyGauge, runService, type Subgraph } from '@yibao/shared';
import { createNotificationApp, type NotificationApp, type NotificationAppOptions } from './app';
import { requireGateway, smsConfigShape } from './config';
import type { NotificationContext } from './context';
import { entities } from './entities';
import { notificationConsumers } from './events/consumers';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/**
 * The notification subgraph (N rules): its parts; the kit does the wiring. `options` let a test (or an operator's
 * build) bring another template catalogue or SMS provider.
 */
export function defineNotification(
  options: NotificationAppOptions = {},
): Subgraph<NotificationApp, NotificationContext> {
  return defineSubgraph<NotificationApp, NotificationContext>({
    name: 'notification',
    port: 4004,
    dir: __dirname,
    resolvers,
    entities,
    migrations,
    createApp: (runtime) => createNotificationApp(runtime, options),
    context: (base, app) => ({ ...base, app, loaders: app.loaders(base.identity) }),
    consumers: (runtime, app) => {
      const consumers = notificationConsumers(runtime, app);
      // the sender is woken once the transaction that queued SMS has committed (before it, it would find none)
      for (const c of consumers)
        c.afterCommit((m) => {
          if (app.delivery.queuedIn(m)) app.sender.kick();
        });
      return consumers;
    },
    // the SMS sender works the queue beside the consumers; on shutdown it finishes the sends in flight
    onStart: async (runtime, app) => {
      // for operators: SMS waiting to go (quiet hours, backoff, in flight) and parked messages to retry
      const count = (where: string) => async () =>
        Number((await runtime.dataSource.query(`SELECT count(*)::int AS n FROM ${where}`))[0].n);
      lazyGauge(
        runtime.metrics.registry,
        'sms_queue_backlog',
        'SMS queued or being sent',
        count(`sms_delivery WHERE status IN ('QUEUED', 'SENDING')`),
      );
      lazyGauge(
        runtime.metrics.registry,
        'messages_parked',
        'Messages parked (FAILED or UNDELIVERABLE)',
        count(`message WHERE status IN ('FAILED', 'UNDELIVERABLE')`),
      );
      app.sender.start();
      return () => app.sender.stop();
    },
  });
}

export const notification = defineNotification();

/**
 * The notification process's configuration: the kit's service variables and the SMS settings (SMS_PROVIDER,
 * SMS_GATEWAY_URL, SMS_GATEWAY_KEY, SMS_SIGNATURE, SMS_QUIET_HOURS, …), validated together at start-up.
 */
export const notificationConfigSchema = notification.configSchema.extend(smsConfigShape).superRefine(requireGateway);

/** main.ts: validated configuration (every problem listed at once) → start → stop on SIGTERM. */
export function main(): void {
  runService(notificationConfigSchema, (config) => notification.definition(config));
}
