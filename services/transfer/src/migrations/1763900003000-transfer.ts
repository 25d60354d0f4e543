import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Transfer1763900003000 implements MigrationInterface {
  name = 'Transfer1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transfer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
        mode text NOT NULL CHECK (mode IN ('POSTAL', 'ONLINE')),
        status text NOT NULL,
        source_region char(6) NOT NULL,
        destination_region char(6) NOT NULL,
        accepted_on date NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX transfer_person ON transfer (person_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE transfer');
  }
}
