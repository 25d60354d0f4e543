import type { AppContext } from '@yibao/shared';
import type { NotificationApp } from './app';

export type NotificationContext = AppContext<NotificationApp>;
