import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The attempts a consumer has started on an event it has not applied yet. Counted before each handler run, in a
 * transaction of its own, so an attempt that kills the process still counts and a poison message reaches the
 * dead-letter topic after N attempts in total, across restarts. The row goes when the event is applied or
 * dead-lettered: the table only holds events in trouble.
 */
export class ConsumerAttempt1763900000200 implements MigrationInterface {
  name = 'ConsumerAttempt1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consumer_attempt (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        attempts int NOT NULL,
        last_error text NULL,
        first_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consumer_attempt');
  }
}
