import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a message stands. An SMS can only go out once the person's mobile number is known, and Kafka orders nothing
 * across topics: a suspension may arrive before its person-registered. Its SMS is then HELD, and released (SENT, with
 * the number) or marked UNDELIVERABLE (no number) when the person's data arrives. In-app and staff messages are SENT
 * when stored, as before.
 */
export class MessageDelivery1763900002100 implements MigrationInterface {
  name = 'MessageDelivery1763900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE message
        ADD COLUMN status text NOT NULL DEFAULT 'SENT' CHECK (status IN ('SENT', 'HELD', 'UNDELIVERABLE')),
        ADD COLUMN mobile text NULL,
        ADD COLUMN sent_at timestamptz NULL`);
    // every message so far was stored as sent; SMS went to the number then on record
    await q.query('UPDATE message SET sent_at = created_at');
    await q.query(`
      UPDATE message m SET mobile = r.mobile FROM recipient r
       WHERE m.channel = 'SMS' AND r.person_id = m.person_id`);
    await q.query('ALTER TABLE message ALTER COLUMN status DROP DEFAULT');
    await q.query(`CREATE INDEX message_held ON message (person_id) WHERE status = 'HELD'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX message_held');
    await q.query('ALTER TABLE message DROP COLUMN sent_at, DROP COLUMN mobile, DROP COLUMN status');
  }
}
