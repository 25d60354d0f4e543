import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Serves the relay's per-key ordering check: the earliest unsent row of a (topic, key). */
export class OutboxKeyOrder1763900000100 implements MigrationInterface {
  name = 'OutboxKeyOrder1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX outbox_unsent_key ON outbox (topic, message_key, seq) WHERE sent_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX outbox_unsent_key');
  }
}
