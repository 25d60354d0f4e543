import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Message1763900002000 implements MigrationInterface {
  name = 'Message1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NULL,
        channel text NOT NULL CHECK (channel IN ('SMS', 'IN_APP', 'STAFF')),
        rule text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        caused_by_event_id uuid NOT NULL,
        caused_by_event_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        UNIQUE (caused_by_event_id, channel, rule)
      )`);
    await q.query('CREATE INDEX message_person ON message (person_id, created_at)');
    // Who can be reached how: a projection of person-registered (the notification service owns no person data).
    await q.query(`
      CREATE TABLE recipient (
        person_id uuid PRIMARY KEY,
        name text NOT NULL,
        mobile text NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE recipient');
    await q.query('DROP TABLE message');
  }
}
