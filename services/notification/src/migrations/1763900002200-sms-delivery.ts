import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 (N1–N4): messages rendered from templates in Chinese and English; SMS delivered through a queue
 * (`sms_delivery`) worked by the sender outside the consumer's transaction, with retries and quiet hours; deadline
 * alerts for staff (N4).
 *
 * - message: `template` (its key; one message per causing event and template), English texts, the district whose
 *   staff see it, the error of a parked message, `seq` for a stable order (cursor pages), statuses QUEUED (an SMS in
 *   the queue) and FAILED (parked: bad input or the last try failed; staff may retry it).
 * - sms_delivery: one row per SMS handed to the sender; `not_before` is the next time it may go (quiet hours,
 *   backoff, a lease while SENDING).
 * - deadline_alert: the facts of a transfer-deadline-alert, for the staff view by district and level.
 */
export class SmsDelivery1763900002200 implements MigrationInterface {
  name = 'SmsDelivery1763900002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message
        ADD COLUMN seq bigserial NOT NULL,
        ADD COLUMN template text NULL,
        ADD COLUMN title_en text NOT NULL DEFAULT '',
        ADD COLUMN body_en text NOT NULL DEFAULT '',
        ADD COLUMN district text NULL,
        ADD COLUMN error text NULL,
        ADD COLUMN variables jsonb NULL,
        ADD COLUMN urgent boolean NOT NULL DEFAULT false`);
    // messages stored before templates: their key from the event type and channel (the lapse warning has its own)
    await q.query(`
      UPDATE message SET template = regexp_replace(caused_by_event_type, '^cn\\.yibao\\.', '') || ':' || channel ||
        CASE WHEN caused_by_event_type = 'cn.yibao.relation-registered' AND rule = 'N3' THEN ':lapse-warning' ELSE '' END`);
    await q.query('ALTER TABLE message ALTER COLUMN template SET NOT NULL');
    await q.query('ALTER TABLE message DROP CONSTRAINT message_caused_by_event_id_channel_rule_key');
    await q.query(
      'ALTER TABLE message ADD CONSTRAINT message_caused_by_event_template_key UNIQUE (caused_by_event_id, template)',
    );
    await q.query('ALTER TABLE message DROP CONSTRAINT message_status_check');
    await q.query(`
      ALTER TABLE message ADD CONSTRAINT message_status_check
        CHECK (status IN ('HELD', 'QUEUED', 'SENT', 'FAILED', 'UNDELIVERABLE'))`);
    await q.query('CREATE UNIQUE INDEX message_seq ON message (seq)');
    await q.query('DROP INDEX message_person');
    await q.query('CREATE INDEX message_person ON message (person_id, seq)');
    await q.query(`CREATE INDEX message_unread ON message (person_id) WHERE read_at IS NULL AND status = 'SENT'`);
    await q.query(`CREATE INDEX message_failed ON message (district, seq) WHERE status IN ('FAILED', 'UNDELIVERABLE')`);

    await q.query(`
      CREATE TABLE sms_delivery (
        message_id uuid PRIMARY KEY,
        mobile text NOT NULL,
        text text NOT NULL,
        urgent boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        not_before timestamptz NOT NULL,
        last_error text NULL,
        provider text NULL,
        provider_ref text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sms_delivery_message_id_fkey FOREIGN KEY (message_id) REFERENCES message (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sms_delivery_due ON sms_delivery (not_before) WHERE status IN ('QUEUED', 'SENDING')`);

    await q.query(`
      CREATE TABLE deadline_alert (
        message_id uuid PRIMARY KEY,
        transfer_id uuid NOT NULL,
        person_id uuid NOT NULL,
        handling_district text NOT NULL,
        level text NOT NULL CHECK (level IN ('DUE_SOON', 'OVERDUE')),
        transfer_status text NOT NULL,
        due_on date NOT NULL,
        working_days_left int NOT NULL,
        CONSTRAINT deadline_alert_message_id_fkey FOREIGN KEY (message_id) REFERENCES message (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX deadline_alert_district ON deadline_alert (handling_district, due_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deadline_alert');
    await q.query('DROP TABLE sms_delivery');
    await q.query('DROP INDEX message_failed');
    await q.query('DROP INDEX message_unread');
    await q.query('DROP INDEX message_person');
    await q.query('CREATE INDEX message_person ON message (person_id, created_at)');
    await q.query('DROP INDEX message_seq');
    await q.query(`DELETE FROM message WHERE status IN ('QUEUED', 'FAILED')`);
    await q.query('ALTER TABLE message DROP CONSTRAINT message_status_check');
    await q.query(
      `ALTER TABLE message ADD CONSTRAINT message_status_check CHECK (status IN ('SENT', 'HELD', 'UNDELIVERABLE'))`,
    );
    await q.query('ALTER TABLE message DROP CONSTRAINT message_caused_by_event_template_key');
    await q.query(
      'ALTER TABLE message ADD CONSTRAINT message_caused_by_event_id_channel_rule_key UNIQUE (caused_by_event_id, channel, rule)',
    );
    await q.query(`
      ALTER TABLE message DROP COLUMN urgent, DROP COLUMN variables, DROP COLUMN error, DROP COLUMN district,
        DROP COLUMN body_en, DROP COLUMN title_en, DROP COLUMN template, DROP COLUMN seq`);
  }
}
