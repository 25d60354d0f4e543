import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited act: a mutation (whatever its result) or a staff read of an unmasked ID or mobile number. Append-only:
 * a trigger refuses UPDATE and DELETE, and the graph offers no mutation of it. Table defined by the shared migrations.
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_target', ['targetId'])
@Index('audit_log_subject', ['subject'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Who: the token's subject and role, and the scope of the rule that let them. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text', nullable: true })
  scope: string | null;

  /** MUTATION or READ_UNMASKED. */
  @Column({ type: 'text' })
  action: string;

  /** The root operation (registerPerson, person, _entities). */
  @Column({ type: 'text' })
  operation: string;

  /** For a read: the field read unmasked (Person.idNumber). */
  @Column({ type: 'text', nullable: true })
  field: string | null;

  /** The id of what was changed or read (a person, a relation). */
  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  /** From where: as the gateway saw the client. */
  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  /** OK, or the error code (FORBIDDEN, BAD_USER_INPUT, RULE_REFUSED, INTERNAL_SERVER_ERROR…). */
  @Column({ type: 'text' })
  result: string;
}
