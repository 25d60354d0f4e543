import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM keeps the expression of a generated column in its `typeorm_metadata` table, and its schema builder reads it
 * to compare `insurance_relation.coverage` (generated in EnrollmentModel1763900001100) with the entity. Without the
 * table the builder cannot even read the schema. This records the expression exactly as the entity declares it.
 */
export class SchemaMetadata1763900001400 implements MigrationInterface {
  name = 'SchemaMetadata1763900001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar NULL,
        "schema" varchar NULL,
        "table" varchar NULL,
        "name" varchar NULL,
        "value" text NULL
      )`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'insurance_relation', 'coverage', $1)`,
      [
        `daterange(start_date, COALESCE(end_date, CASE WHEN scheme = 'RESIDENT' THEN make_date(period_year, 12, 31) ELSE 'infinity'::date END), '[]')`,
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'insurance_relation' AND "name" = 'coverage'`,
    );
  }
}
