import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { CallOrigin, Identity } from '../auth';
import type { Clock } from '../clock';
import type { Logger } from '../logging';
import { AuditLogEntry } from './audit.entity';

export type AuditAction = 'MUTATION' | 'READ_UNMASKED';

/** What a resolver (or the kit) records; who, when and from where are the request's. */
export interface AuditAct {
  action: AuditAction;
  operation: string;
  field?: string | null;
  targetId?: string | null;
  scope?: string | null;
  result: string;
}

export interface AuditFilter {
  subject?: string | null;
  role?: string | null;
  action?: AuditAction | null;
  operation?: string | null;
  targetId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/** The error code of what a resolver threw (OK when nothing was). */
export function resultOf(error: unknown): string {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error.extensions.code;
  return 'INTERNAL_SERVER_ERROR';
}

/** A service's audit log: the append-only `audit_log` table (see the shared migration). */
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A recorder for one request. */
  recorder(identity: Identity, origin: CallOrigin | undefined, correlationId: string): AuditRecorder {
    return new AuditRecorder(this, identity, origin ?? { ip: null, userAgent: null }, correlationId);
  }

  async write(rows: Array<Omit<AuditLogEntry, 'id' | 'at'>>): Promise<void> {
    if (rows.length === 0) return;
    const at = this.clock.now();
    try {
      await this.dataSource.getRepository(AuditLogEntry).insert(rows.map((r) => ({ ...r, at })));
    } catch (err) {
      // the act itself is done (a mutation has committed): say loudly that its record is missing
      this.logger.error({ err, rows }, 'AUDIT LOG WRITE FAILED');
    }
  }

  /** Newest first, `first` at most, after the cursor (an entry id). */
  async find(filter: AuditFilter, first: number, after: string | null) {
    const qb = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('a');
    if (filter.subject) qb.andWhere('a.subject = :subject', { subject: filter.subject });
    if (filter.role) qb.andWhere('a.role = :role', { role: filter.role });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.operation) qb.andWhere('a.operation = :operation', { operation: filter.operation });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.since) qb.andWhere('a.at >= :since', { since: filter.since });
    if (filter.until) qb.andWhere('a.at < :until', { until: filter.until });
    if (after) qb.andWhere('a.id < :after', { after });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .take(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return { nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > first };
  }
}

/**
 * The acts of one request, kept until the response is sent, then written in one insert by the kit's audit plugin
 * (startService). A value read twice in one request is recorded once.
 */
export class AuditRecorder {
  private readonly acts: AuditAct[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly log: AuditLog,
    readonly identity: Identity,
    readonly origin: CallOrigin,
    readonly correlationId: string,
  ) {}

  record(act: AuditAct): void {
    const key = JSON.stringify([act.action, act.operation, act.field, act.targetId, act.result]);
    if (act.action === 'READ_UNMASKED' && this.seen.has(key)) return;
    this.seen.add(key);
    this.acts.push(act);
  }

  /** Writes what was recorded (the plugin calls it once the response is ready). */
  async flush(): Promise<void> {
    const acts = this.acts.splice(0);
    await this.log.write(
      acts.map((a) => ({
        subject: this.identity.subject,
        role: this.identity.role,
        scope: a.scope ?? null,
        action: a.action,
        operation: a.operation,
        field: a.field ?? null,
        targetId: a.targetId ?? null,
        clientIp: this.origin.ip,
        userAgent: this.origin.userAgent,
        correlationId: this.correlationId,
        result: a.result,
      })),
    );
  }
}
