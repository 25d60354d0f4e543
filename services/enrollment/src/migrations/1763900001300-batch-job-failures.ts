import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person a batch cannot process (data the rules cannot handle) no longer stops the city-wide run: that person's
 * changes roll back, the failure is recorded here with the error, and the run goes on.
 */
export class BatchJobFailures1763900001300 implements MigrationInterface {
  name = 'BatchJobFailures1763900001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE batch_job ADD COLUMN failed int NOT NULL DEFAULT 0');
    await q.query(`
      CREATE TABLE batch_job_failure (
        batch_job_id uuid NOT NULL REFERENCES batch_job(id),
        person_id uuid NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_job_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE batch_job_failure');
    await q.query('ALTER TABLE batch_job DROP COLUMN failed');
  }
}
