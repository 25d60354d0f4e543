import type { Identity, ServiceRuntime } from '@yibao/shared';
import type { DataSource } from 'typeorm';
import { DeadlineAlertEntity, MessageEntity, SmsDeliveryEntity } from '../entities';
import { staffScope } from './access';
import { decodeCursor, pageSize, toPage, type Page } from './pagination';

/** A parked (or any) message as staff see it, with its SMS delivery when there is one. */
export interface DeliveryView {
  message: MessageEntity;
  delivery: SmsDeliveryEntity | null;
  seq: string;
}

/** A deadline alert: its staff message and the transfer's facts. */
export interface AlertView {
  message: MessageEntity;
  alert: DeadlineAlertEntity;
  seq: string;
}

/**
 * The staff views (N4 and the operators' side of N1–N3): parked deliveries to retry, deadline alerts; a district
 * branch sees its own district, the city centre the whole city (or one district it asks for). Newest first.
 */
export class StaffService {
  private readonly ds: DataSource;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
  }

  async failedDeliveries(
    reader: Identity,
    args: { district?: string | null; first?: number | null; after?: string | null },
  ): Promise<Page<DeliveryView>> {
    const district = staffScope(reader, args.district);
    const first = pageSize(args.first);
    const after = decodeCursor(args.after);
    const q = this.ds
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where(`m.status IN ('FAILED', 'UNDELIVERABLE')`);
    if (district) q.andWhere('m.district = :district', { district });
    if (after) q.andWhere('m.seq < :after', { after });
    const messages = await q
      .orderBy('m.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    return toPage(await this.withDeliveries(messages), first);
  }

  private async withDeliveries(messages: MessageEntity[]): Promise<DeliveryView[]> {
    const ids = messages.filter((m) => m.channel === 'SMS').map((m) => m.id);
    const deliveries = ids.length
      ? await this.ds
          .getRepository(SmsDeliveryEntity)
          .createQueryBuilder('d')
          .where('d.message_id = ANY(:ids)', { ids })
          .getMany()
      : [];
    const byId = new Map(deliveries.map((d) => [d.messageId, d]));
    return messages.map((message) => ({ message, delivery: byId.get(message.id) ?? null, seq: message.seq }));
  }

  async deadlineAlerts(
    reader: Identity,
    args: {
      district?: string | null;
      level?: 'DUE_SOON' | 'OVERDUE' | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<Page<AlertView>> {
    const district = staffScope(reader, args.district);
    const first = pageSize(args.first);
    const after = decodeCursor(args.after);
    const q = this.ds
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .innerJoin(DeadlineAlertEntity, 'a', 'a.message_id = m.id')
      .where(`m.channel = 'STAFF'`);
    if (district) q.andWhere('a.handling_district = :district', { district });
    if (args.level) q.andWhere('a.level = :level', { level: args.level });
    if (after) q.andWhere('m.seq < :after', { after });
    const messages = await q
      .orderBy('m.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    const alerts = messages.length
      ? await this.ds
          .getRepository(DeadlineAlertEntity)
          .createQueryBuilder('a')
          .where('a.message_id = ANY(:ids)', { ids: messages.map((m) => m.id) })
          .getMany()
      : [];
    const byId = new Map(alerts.map((a) => [a.messageId, a]));
    return toPage(
      messages.map((message) => ({ message, alert: byId.get(message.id)!, seq: message.seq })),
      first,
    );
  }
}
