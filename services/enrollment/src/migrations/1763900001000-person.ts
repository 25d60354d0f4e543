import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Person1763900001000 implements MigrationInterface {
  name = 'Person1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        id_type text NOT NULL,
        id_number text NOT NULL UNIQUE,
        name text NOT NULL,
        gender text NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date date NULL,
        mobile text NULL,
        household_region char(6) NULL,
        residence_region char(6) NULL,
        school_region char(6) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX person_name ON person (name)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE person');
  }
}
