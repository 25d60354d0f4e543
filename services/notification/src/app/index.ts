import type { Identity, ServiceRuntime } from '@yibao/shared';
import { notificationSettings, type NotificationSettings } from '../config';
import { catalogue, type MessageTemplate } from '../domain';
import { HttpSmsProvider, LogSmsProvider, type SmsProvider } from '../sms';
import { DeliveryService } from './delivery.service';
import { createNotificationLoaders, type NotificationLoaders } from './loaders';
import { MessageService } from './message.service';
import { SmsSender } from './sms-sender';
import { StaffService } from './staff.service';

export type { NotificationLoaders } from './loaders';
export type { Reachable } from './delivery.service';
export { NOTIFICATION_ERRORS, NotificationError, NotificationErrorCode } from './errors';

export interface NotificationApp {
  settings: NotificationSettings;
  /** Stores the messages of consumed events and routes their SMS (inside the consumer's transaction). */
  delivery: DeliveryService;
  /** Works the SMS queue outside the consumers. */
  sender: SmsSender;
  /** A person's messages. */
  messages: MessageService;
  /** Staff views: parked deliveries, deadline alerts. */
  staff: StaffService;
  loaders(reader: Identity): NotificationLoaders;
}

export interface NotificationAppOptions {
  /** The message texts; the built-in catalogue by default. */
  templates?: readonly MessageTemplate[];
  /** The SMS provider; by default the one SMS_PROVIDER names (http: SMS_GATEWAY_URL, …; log: the log). */
  provider?: (runtime: ServiceRuntime, settings: NotificationSettings) => SmsProvider;
}

export function defaultProvider(runtime: ServiceRuntime, settings: NotificationSettings): SmsProvider {
  const sms = settings.sms;
  if (sms.provider === 'http') return new HttpSmsProvider(sms);
  if (runtime.config.NODE_ENV === 'production')
    runtime.logger.warn('SMS_PROVIDER=log in production: SMS are written to the log, not sent');
  return new LogSmsProvider(runtime.logger, sms.signature);
}

export function createNotificationApp(runtime: ServiceRuntime, options: NotificationAppOptions = {}): NotificationApp {
  const settings = notificationSettings(runtime.config);
  const provider = (options.provider ?? defaultProvider)(runtime, settings);
  const sender = new SmsSender(runtime, provider, settings);
  const delivery = new DeliveryService(runtime, catalogue(options.templates), settings, sender);
  sender.attach(delivery);
  const messages = new MessageService(runtime);
  return {
    settings,
    delivery,
    sender,
    messages,
    staff: new StaffService(runtime),
    loaders: (reader) => createNotificationLoaders(messages, reader),
  };
}
