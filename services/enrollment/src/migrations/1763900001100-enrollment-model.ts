import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employers, insurance relations with their history, consents, contributions, suspension applications, registration
 * notices, the centralised enrolment period and batch jobs.
 *
 * E17 (nobody is insured twice) is enforced here: an exclusion constraint forbids two ACTIVE relations of one person
 * whose coverage overlaps, across schemes and regions. Coverage runs from the start date to the end date, or for an
 * open relation to the end of its year (resident) or without end (employee). Back-payments (补缴) of closed past
 * periods stay outside it: they insure nobody from today on.
 */
export class EnrollmentModel1763900001100 implements MigrationInterface {
  name = 'EnrollmentModel1763900001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE employer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        credit_code text NOT NULL UNIQUE,
        name text NOT NULL,
        district char(6) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE insurance_relation (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person(id),
        scheme text NOT NULL CHECK (scheme IN ('EMPLOYEE', 'RESIDENT')),
        employee_category text NULL CHECK (employee_category IN ('EMPLOYER_STAFF', 'FLEXIBLE')),
        resident_category text NULL CHECK (resident_category IN ('SCHOOL', 'VILLAGE', 'WELFARE_INSTITUTION', 'HOUSEHOLD', 'NEWBORN')),
        school_level text NULL CHECK (school_level IN ('UNIVERSITY', 'HIGHER_VOCATIONAL', 'SECONDARY', 'JUNIOR_HIGH', 'PRIMARY', 'NURSERY')),
        retired boolean NOT NULL DEFAULT false,
        region_code char(6) NOT NULL,
        unit_code text NULL,
        unit_name text NULL,
        period_year int NOT NULL,
        start_date date NOT NULL,
        end_date date NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
        expected_graduation date NULL,
        suspension_rule text NULL,
        back_payment boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        coverage daterange GENERATED ALWAYS AS (
          daterange(
            start_date,
            COALESCE(end_date, CASE WHEN scheme = 'RESIDENT' THEN make_date(period_year, 12, 31) ELSE 'infinity'::date END),
            '[]')
        ) STORED,
        CONSTRAINT relation_scheme_category CHECK (
          (scheme = 'EMPLOYEE' AND employee_category IS NOT NULL AND resident_category IS NULL AND school_level IS NULL)
          OR (scheme = 'RESIDENT' AND resident_category IS NOT NULL AND employee_category IS NULL AND NOT retired
              AND ((resident_category = 'SCHOOL') = (school_level IS NOT NULL)))),
        CONSTRAINT relation_dates CHECK (end_date IS NULL OR end_date >= start_date),
        CONSTRAINT relation_e17_insured_once EXCLUDE USING gist (person_id WITH =, coverage WITH &&)
          WHERE (status = 'ACTIVE' AND NOT back_payment)
      )`);
    await q.query('CREATE INDEX relation_person ON insurance_relation (person_id)');
    await q.query(
      "CREATE INDEX relation_active_batch ON insurance_relation (resident_category, period_year) WHERE status = 'ACTIVE'",
    );
    await q.query('CREATE INDEX relation_unit ON insurance_relation (unit_code) WHERE unit_code IS NOT NULL');
    await q.query(`
      CREATE TABLE relation_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        relation_id uuid NOT NULL REFERENCES insurance_relation(id),
        person_id uuid NOT NULL,
        from_status text NULL,
        to_status text NOT NULL,
        cause text NOT NULL,
        reason_zh text NOT NULL,
        reason_en text NOT NULL,
        effective_date date NOT NULL,
        covered_until date NULL,
        channel text NULL,
        consent_id uuid NULL,
        batch_job_id uuid NULL,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX relation_history_relation ON relation_history (relation_id, changed_at)');
    // The history is the person's rights record (T12): rows are inserted, never changed.
    await q.query(`
      CREATE FUNCTION relation_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'relation_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER relation_history_no_change BEFORE UPDATE OR DELETE ON relation_history
        FOR EACH ROW EXECUTE FUNCTION relation_history_append_only()`);
    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        name text NOT NULL,
        phone text NOT NULL,
        id_type text NOT NULL,
        id_number text NOT NULL,
        original_unit_name text NULL,
        original_unit_code text NULL,
        new_unit_name text NULL,
        new_unit_code text NULL,
        promise_text text NOT NULL,
        signature text NOT NULL,
        signed_at timestamptz NOT NULL,
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'COUNTER')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX consent_person ON consent (person_id)');
    await q.query(`
      CREATE TABLE contribution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        scheme text NOT NULL CHECK (scheme IN ('EMPLOYEE', 'RESIDENT')),
        employee_category text NULL,
        year int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('NORMAL', 'PREPAYMENT', 'BACK_PAYMENT')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        paid_on date NOT NULL,
        refunded_on date NULL CHECK (refunded_on IS NULL OR refunded_on >= paid_on),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX contribution_person ON contribution (person_id)');
    await q.query('CREATE INDEX contribution_year ON contribution (year, scheme)');
    await q.query(`
      CREATE TABLE suspension_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        relation_id uuid NOT NULL REFERENCES insurance_relation(id),
        applicant_kind text NOT NULL CHECK (applicant_kind IN ('PERSON', 'EMPLOYER')),
        applicant_ref text NOT NULL,
        channel text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ACCEPTED', 'REFUSED')),
        refusal_rule text NULL,
        refusal_reason_zh text NULL,
        refusal_reason_en text NULL,
        actor_subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX suspension_application_person ON suspension_application (person_id, created_at)');
    await q.query(`
      CREATE TABLE registration_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text NOT NULL UNIQUE,
        person_id uuid NOT NULL REFERENCES person(id),
        notice jsonb NOT NULL,
        suspended boolean NOT NULL,
        why text NULL,
        rule text NULL,
        insured_twice boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE centralised_period (
        for_year int PRIMARY KEY,
        from_date date NOT NULL,
        to_date date NOT NULL,
        CHECK (to_date >= from_date AND to_date < make_date(for_year, 1, 1))
      )`);
    // Defaults until the city centre sets the year's period (setCentralisedPeriod): 1 September – 31 December.
    await q.query(`INSERT INTO centralised_period (for_year, from_date, to_date)
                   SELECT y, make_date(y - 1, 9, 1), make_date(y - 1, 12, 31) FROM generate_series(2025, 2030) AS y`);
    await q.query(`
      CREATE TABLE batch_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('GRADUATION', 'YEAR_END', 'NEWBORN_MONTH_END')),
        run_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
        total int NOT NULL DEFAULT 0,
        done int NOT NULL DEFAULT 0,
        suspended int NOT NULL DEFAULT 0,
        cursor uuid NULL,
        error text NULL,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        CONSTRAINT batch_job_run UNIQUE (kind, run_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'batch_job',
      'centralised_period',
      'registration_notice',
      'suspension_application',
      'contribution',
      'consent',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP TABLE relation_history');
    await q.query('DROP FUNCTION relation_history_append_only');
    await q.query('DROP TABLE insurance_relation');
    await q.query('DROP TABLE employer');
  }
}
