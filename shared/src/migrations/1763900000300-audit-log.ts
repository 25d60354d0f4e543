import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log every subgraph keeps: every mutation and every staff read of an unmasked ID or mobile number (who,
 * role, scope, what, when, from where, result). Rows are inserted, never changed: a trigger refuses UPDATE and
 * DELETE (TRUNCATE too), as for enrollment's relation_history.
 */
export class AuditLog1763900000300 implements MigrationInterface {
  name = 'AuditLog1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        subject text NOT NULL,
        role text NOT NULL,
        scope text NULL,
        action text NOT NULL,
        operation text NOT NULL,
        field text NULL,
        target_id text NULL,
        client_ip text NULL,
        user_agent text NULL,
        correlation_id text NULL,
        result text NOT NULL
      )`);
    await q.query('CREATE INDEX audit_log_target ON audit_log (target_id)');
    await q.query('CREATE INDEX audit_log_subject ON audit_log (subject)');
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_append_only()');
  }
}
