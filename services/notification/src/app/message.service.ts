import type { Clock, Identity, ServiceRuntime } from '@yibao/shared';
import { In, type DataSource } from 'typeorm';
import { MessageEntity } from '../entities';
import { assertMayReadMessagesOf, ownPersonId } from './access';
import { NotificationError } from './errors';
import { decodeCursor, pageSize, toPage, type Page } from './pagination';

/** What a person's message page carries besides the page. */
export interface MessagePage extends Page<MessageEntity> {
  unreadCount: number;
}

/** The messages that reached the person: in-app ones, and SMS once sent (held, queued or parked ones stay out). */
const REACHED = `m.person_id = :personId AND m.channel IN ('SMS', 'IN_APP') AND m.status = 'SENT'`;

/** A person's messages: what reached them, paged; unread counts; marking read (only their own). */
export class MessageService {
  private readonly ds: DataSource;
  private readonly clock: Clock;

  constructor(runtime: ServiceRuntime) {
    this.ds = runtime.dataSource;
    this.clock = runtime.clock;
  }

  /** Every message that reached the person, oldest first. */
  async forPerson(personId: string, reader: Identity): Promise<MessageEntity[]> {
    assertMayReadMessagesOf(reader, personId);
    return (await this.reachedOf([personId]))[0]!;
  }

  /** For the per-request loader: the messages of several persons in one query, each list oldest first. */
  async reachedOf(personIds: readonly string[]): Promise<MessageEntity[][]> {
    const rows = await this.ds
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where(`m.person_id = ANY(:ids) AND m.channel IN ('SMS', 'IN_APP') AND m.status = 'SENT'`, {
        ids: [...personIds],
      })
      .orderBy('m.seq', 'ASC')
      .getMany();
    return personIds.map((id) => rows.filter((r) => r.personId === id));
  }

  /** Unread counts of several persons in one query. */
  async unreadCounts(personIds: readonly string[]): Promise<number[]> {
    const rows: Array<{ person_id: string; n: number }> = await this.ds.query(
      `SELECT person_id, count(*)::int AS n FROM message
        WHERE person_id = ANY($1) AND channel IN ('SMS', 'IN_APP') AND status = 'SENT' AND read_at IS NULL
        GROUP BY person_id`,
      [[...personIds]],
    );
    const byPerson = new Map(rows.map((r) => [r.person_id, r.n]));
    return personIds.map((id) => byPerson.get(id) ?? 0);
  }

  /** A page of the person's messages, newest first, with the unread count. */
  async page(
    personId: string,
    reader: Identity,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<MessagePage> {
    assertMayReadMessagesOf(reader, personId);
    const first = pageSize(args.first);
    const after = decodeCursor(args.after);
    const q = this.ds.getRepository(MessageEntity).createQueryBuilder('m').where(REACHED, { personId });
    if (after) q.andWhere('m.seq < :after', { after });
    if (args.unreadOnly) q.andWhere('m.read_at IS NULL');
    const rows = await q
      .orderBy('m.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    const [unreadCount] = await this.unreadCounts([personId]);
    return { ...toPage(rows, first), unreadCount: unreadCount! };
  }

  /** The person marks some of their messages read; any id that is not one of their messages refuses the whole call. */
  async markRead(ids: readonly string[], reader: Identity): Promise<MessageEntity[]> {
    const personId = ownPersonId(reader);
    const unique = [...new Set(ids)];
    const rows = unique.length ? await this.ds.getRepository(MessageEntity).findBy({ id: In(unique) }) : [];
    const own = rows.filter((m) => m.personId === personId && m.channel !== 'STAFF' && m.status === 'SENT');
    if (own.length !== unique.length)
      throw NotificationError.forbidden('只能将本人的消息标为已读', 'you may mark only your own messages read');
    const now = this.clock.now();
    await this.ds
      .createQueryBuilder()
      .update(MessageEntity)
      .set({ readAt: now })
      .where('id IN (:...ids) AND read_at IS NULL', { ids: unique })
      .execute();
    return this.ds.getRepository(MessageEntity).find({ where: { id: In(unique) }, order: { seq: 'ASC' } });
  }

  /** The person marks every message read; returns how many were unread. */
  async markAllRead(reader: Identity): Promise<number> {
    const personId = ownPersonId(reader);
    const result = await this.ds
      .createQueryBuilder()
      .update(MessageEntity)
      .set({ readAt: this.clock.now() })
      .where(`person_id = :personId AND channel IN ('SMS', 'IN_APP') AND status = 'SENT' AND read_at IS NULL`, {
        personId,
      })
      .execute();
    return result.affected ?? 0;
  }
}
