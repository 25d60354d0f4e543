import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E16: the agency's completion of an online consent (who, when) and the one suspension a consent authorises
 * (`used_for_relation_id`, set once). E11: the city centre's versioned policy parameters, append-only: each row is a
 * version (value, effective from, source) with its audit (who, when, previous value). The centralised period may run
 * into its insurance year.
 */
export class ConsentUseAndPolicy1763900001500 implements MigrationInterface {
  name = 'ConsentUseAndPolicy1763900001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consent
        ADD COLUMN completed_at timestamptz NULL,
        ADD COLUMN completed_by text NULL,
        ADD COLUMN used_for_relation_id uuid NULL,
        ADD COLUMN used_at timestamptz NULL,
        ADD CONSTRAINT consent_used_for_relation_id_fkey FOREIGN KEY (used_for_relation_id) REFERENCES insurance_relation(id)`);
    await q.query(`
      CREATE TABLE policy_parameter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        value jsonb NOT NULL,
        previous_value jsonb NULL,
        effective_from date NOT NULL,
        source text NOT NULL,
        changed_by text NOT NULL,
        changed_role text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT policy_parameter_name_check CHECK (name IN ('E11_EQUAL_RANK_OVERRIDES'))
      )`);
    await q.query('CREATE INDEX policy_parameter_name ON policy_parameter (name, effective_from, changed_at)');
    await q.query(`
      CREATE FUNCTION policy_parameter_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_parameter is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER policy_parameter_no_change BEFORE UPDATE OR DELETE ON policy_parameter
        FOR EACH ROW EXECUTE FUNCTION policy_parameter_append_only()`);
    // DOMAIN.md's E11 ("higher or equal"): an equal rank overrides, until the city centre decides otherwise.
    await q.query(`
      INSERT INTO policy_parameter (name, value, previous_value, effective_from, source, changed_by, changed_role)
      VALUES ('E11_EQUAL_RANK_OVERRIDES', 'true', NULL, '2025-07-31',
              'DOMAIN.md E11（同层级覆盖）；通知（七）只规定由高向低', 'migration', 'SYSTEM')`);
    await q.query('ALTER TABLE centralised_period DROP CONSTRAINT centralised_period_check');
    await q.query(`
      ALTER TABLE centralised_period ADD CONSTRAINT centralised_period_check
        CHECK (to_date >= from_date AND from_date < make_date(for_year, 1, 1) AND to_date <= make_date(for_year, 12, 31))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE centralised_period DROP CONSTRAINT centralised_period_check');
    await q.query(`
      ALTER TABLE centralised_period ADD CONSTRAINT centralised_period_check
        CHECK (to_date >= from_date AND to_date < make_date(for_year, 1, 1))`);
    await q.query('DROP TABLE policy_parameter');
    await q.query('DROP FUNCTION policy_parameter_append_only');
    await q.query(`
      ALTER TABLE consent
        DROP CONSTRAINT consent_used_for_relation_id_fkey,
        DROP COLUMN used_at,
        DROP COLUMN used_for_relation_id,
        DROP COLUMN completed_by,
        DROP COLUMN completed_at`);
  }
}
