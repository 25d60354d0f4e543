import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A notice that suspended nothing keeps what the clerk was told (message and next step, both languages). */
export class NoticeExplanation1763900001200 implements MigrationInterface {
  name = 'NoticeExplanation1763900001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE registration_notice ADD COLUMN explanation jsonb NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE registration_notice DROP COLUMN explanation');
  }
}
