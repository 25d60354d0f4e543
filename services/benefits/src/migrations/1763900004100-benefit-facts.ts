import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts benefits keeps from the events it consumes (persons, relations and their changes, contributions,
 * transfers, info-sheet periods, personal-account entries) and the answers it gives and publishes (benefit starts,
 * the last published status). Answers are append-only: a later fact or a new parameter version adds a row, it never
 * rewrites one (B7 answers state the parameter versions they used).
 */
export class BenefitFacts1763900004100 implements MigrationInterface {
  name = 'BenefitFacts1763900004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_fact (
        person_id uuid PRIMARY KEY,
        gender text,
        birth_date date,
        id_type text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE relation_fact (
        relation_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        scheme text NOT NULL,
        employee_category text,
        resident_category text,
        retired boolean NOT NULL,
        region_code text NOT NULL,
        period_year integer NOT NULL,
        start_date date NOT NULL,
        end_date date,
        status text NOT NULL,
        registered_on date NOT NULL,
        in_centralised_period boolean NOT NULL
      )`);
    await q.query('CREATE INDEX relation_fact_person ON relation_fact (person_id)');
    await q.query(`
      CREATE TABLE relation_change (
        seq bigserial PRIMARY KEY,
        relation_id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL,
        effective_date date NOT NULL,
        covered_until date,
        cause text NOT NULL,
        event_id uuid NOT NULL,
        CONSTRAINT relation_change_event UNIQUE (event_id)
      )`);
    await q.query('CREATE INDEX relation_change_person ON relation_change (person_id)');
    await q.query(`
      CREATE TABLE contribution_fact (
        contribution_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        scheme text NOT NULL,
        year integer NOT NULL,
        kind text NOT NULL,
        amount_fen bigint NOT NULL,
        paid_on date NOT NULL,
        refunded_on date
      )`);
    await q.query('CREATE INDEX contribution_fact_person ON contribution_fact (person_id)');
    await q.query(`
      CREATE TABLE transfer_fact (
        transfer_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        direction text NOT NULL,
        mode text NOT NULL,
        from_scheme text NOT NULL,
        to_scheme text NOT NULL,
        source_region text NOT NULL,
        destination_region text NOT NULL,
        status text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX transfer_fact_person ON transfer_fact (person_id)');
    await q.query(`
      CREATE TABLE info_sheet_period (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transfer_id uuid NOT NULL,
        person_id uuid NOT NULL,
        scheme text NOT NULL,
        region_code text NOT NULL,
        from_date date NOT NULL,
        to_date date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT info_sheet_period_dates CHECK (to_date >= from_date)
      )`);
    await q.query('CREATE INDEX info_sheet_period_person ON info_sheet_period (person_id)');
    await q.query(`
      CREATE TABLE account_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        transfer_id uuid NOT NULL,
        direction text NOT NULL,
        amount_fen bigint NOT NULL,
        booked_on date NOT NULL,
        event_id uuid NOT NULL,
        CONSTRAINT account_entry_once UNIQUE (transfer_id, direction),
        CONSTRAINT account_entry_amount CHECK (amount_fen >= 0)
      )`);
    await q.query('CREATE INDEX account_entry_person ON account_entry (person_id)');
    await q.query(`
      CREATE TABLE benefit_start (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        relation_id uuid NOT NULL,
        assigned_on date NOT NULL,
        rule text NOT NULL,
        scheme text NOT NULL,
        paid_on date NOT NULL,
        waiting_starts_on date NOT NULL,
        covered_from date NOT NULL,
        lapsed boolean NOT NULL,
        gap_months integer NOT NULL,
        continuous_months integer NOT NULL,
        lapse_years integer[] NOT NULL,
        fixed_months integer NOT NULL,
        variable_months integer NOT NULL,
        repaired_months integer NOT NULL,
        floor_applied boolean NOT NULL,
        waiting_months integer NOT NULL,
        exemption text,
        steps jsonb NOT NULL,
        parameters jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT benefit_start_id UNIQUE (id)
      )`);
    await q.query('CREATE INDEX benefit_start_person ON benefit_start (person_id)');
    await q.query(`
      CREATE FUNCTION benefit_answer_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'benefit answers and parameter audit records are append-only (%)', TG_TABLE_NAME;
      END $$`);
    await q.query(`
      CREATE TRIGGER benefit_start_no_change BEFORE UPDATE OR DELETE ON benefit_start
        FOR EACH ROW EXECUTE FUNCTION benefit_answer_append_only()`);
    await q.query(`
      CREATE TABLE benefit_status (
        person_id uuid PRIMARY KEY,
        status text NOT NULL,
        effective_date date NOT NULL,
        rule text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'benefit_status',
      'benefit_start',
      'account_entry',
      'info_sheet_period',
      'transfer_fact',
      'contribution_fact',
      'relation_change',
      'relation_fact',
      'person_fact',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query('DROP FUNCTION benefit_answer_append_only()');
  }
}
