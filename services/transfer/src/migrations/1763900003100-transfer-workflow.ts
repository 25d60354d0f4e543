import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transfer workflow (T1–T13): the transfer's facts, documents, seal and open step; the append-only rights record
 * (T12); the projection of the enrollment events for the T5 pre-check; the deadline alerts sent (T10).
 */
export class TransferWorkflow1763900003100 implements MigrationInterface {
  name = 'TransferWorkflow1763900003100';

  async up(q: QueryRunner): Promise<void> {
    // the first migration made an empty shell; nothing was ever written to it
    await q.query('DELETE FROM transfer');
    await q.query(`
      ALTER TABLE transfer
        ADD COLUMN from_scheme text NOT NULL CHECK (from_scheme IN ('EMPLOYEE', 'RESIDENT')),
        ADD COLUMN to_scheme text NOT NULL CHECK (to_scheme IN ('EMPLOYEE', 'RESIDENT')),
        ADD COLUMN kind text NOT NULL CHECK (kind IN ('WITHIN_SCHEME', 'ACROSS_SCHEMES')),
        ADD COLUMN applicant jsonb NOT NULL,
        ADD COLUMN channel text NOT NULL
          CHECK (channel IN ('AGENCY_COUNTER', 'NATIONAL_PLATFORM', 'WEB_HALL', 'JIN_YIBAO_APP', 'POST')),
        ADD COLUMN handling_district char(6) NOT NULL CHECK (handling_district ~ '^1201[0-9]{2}$'),
        ADD COLUMN tianjin_relation_id uuid NULL,
        ADD COLUMN other_region jsonb NULL,
        ADD COLUMN received_contact_letter jsonb NULL,
        ADD COLUMN contact_letter jsonb NULL,
        ADD COLUMN info_sheet jsonb NULL,
        ADD COLUMN info_sheet_received_on date NULL,
        ADD COLUMN info_sheet_seal jsonb NULL,
        ADD COLUMN dispatch_reference text NULL,
        ADD COLUMN account_moved_fen bigint NULL CHECK (account_moved_fen >= 0),
        ADD COLUMN open_step text NULL,
        ADD COLUMN due_on date NULL,
        ADD COLUMN completed_on date NULL,
        ADD COLUMN external_id text NULL,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD CONSTRAINT transfer_status_known CHECK (status IN ('ACCEPTED', 'CONTACT_LETTER_SENT',
          'CONTACT_LETTER_RECEIVED', 'INFO_SHEET_RECEIVED', 'TRANSFERRED_IN', 'TRANSFERRED_OUT', 'INFO_SHEET_SENT',
          'COMPLETED', 'CANCELLED')),
        ADD CONSTRAINT transfer_regions_differ CHECK (source_region <> destination_region)`);
    await q.query('ALTER TABLE transfer ALTER COLUMN accepted_on SET NOT NULL');
    // one open transfer per person and direction, whatever races the application layer
    await q.query(`CREATE UNIQUE INDEX transfer_one_open ON transfer (person_id, direction)
                   WHERE status NOT IN ('COMPLETED', 'CANCELLED')`);
    await q.query('CREATE UNIQUE INDEX transfer_external_id ON transfer (external_id) WHERE external_id IS NOT NULL');
    await q.query(`CREATE INDEX transfer_due ON transfer (handling_district, due_on) WHERE due_on IS NOT NULL`);

    await q.query(`
      CREATE TABLE transfer_step (
        seq bigserial PRIMARY KEY,
        transfer_id uuid NOT NULL REFERENCES transfer (id),
        person_id uuid NOT NULL,
        action text NOT NULL,
        from_status text NULL,
        to_status text NOT NULL,
        rule text NOT NULL,
        reason_zh text NOT NULL,
        reason_en text NOT NULL,
        on_date date NOT NULL,
        at timestamptz NOT NULL,
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        channel text NOT NULL,
        due_on date NULL,
        details jsonb NULL
      )`);
    await q.query('CREATE INDEX transfer_step_transfer ON transfer_step (transfer_id, seq)');
    await q.query('CREATE INDEX transfer_step_person ON transfer_step (person_id, at)');
    await q.query(`
      CREATE FUNCTION transfer_step_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'transfer_step is append-only (the rights record, T12)';
      END $$`);
    await q.query(`CREATE TRIGGER transfer_step_append_only BEFORE UPDATE OR DELETE ON transfer_step
                   FOR EACH ROW EXECUTE FUNCTION transfer_step_append_only()`);

    await q.query(`
      CREATE TABLE projected_person (
        person_id uuid PRIMARY KEY,
        name text NOT NULL,
        id_type text NOT NULL,
        id_number text NOT NULL,
        mobile text NULL,
        as_of timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE projected_relation (
        relation_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        scheme text NOT NULL,
        employee_category text NULL,
        resident_category text NULL,
        retired boolean NOT NULL,
        region_code char(6) NOT NULL,
        unit_code text NULL,
        unit_name text NULL,
        period_year int NOT NULL,
        start_date date NOT NULL,
        end_date date NULL,
        status text NOT NULL,
        as_of timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX projected_relation_person ON projected_relation (person_id)');

    await q.query(`
      CREATE TABLE deadline_alert (
        transfer_id uuid NOT NULL REFERENCES transfer (id),
        step text NOT NULL,
        level text NOT NULL CHECK (level IN ('DUE_SOON', 'OVERDUE')),
        alert_date date NOT NULL,
        due_on date NOT NULL,
        PRIMARY KEY (transfer_id, step, level, alert_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deadline_alert');
    await q.query('DROP TABLE projected_relation');
    await q.query('DROP TABLE projected_person');
    await q.query('DROP TABLE transfer_step');
    await q.query('DROP FUNCTION transfer_step_append_only()');
    await q.query('DROP INDEX transfer_due');
    await q.query('DROP INDEX transfer_external_id');
    await q.query('DROP INDEX transfer_one_open');
    await q.query(`
      ALTER TABLE transfer
        DROP CONSTRAINT transfer_regions_differ, DROP CONSTRAINT transfer_status_known,
        DROP COLUMN from_scheme, DROP COLUMN to_scheme, DROP COLUMN kind, DROP COLUMN applicant, DROP COLUMN channel,
        DROP COLUMN handling_district, DROP COLUMN tianjin_relation_id, DROP COLUMN other_region,
        DROP COLUMN received_contact_letter, DROP COLUMN contact_letter, DROP COLUMN info_sheet,
        DROP COLUMN info_sheet_received_on, DROP COLUMN info_sheet_seal, DROP COLUMN dispatch_reference,
        DROP COLUMN account_moved_fen, DROP COLUMN open_step, DROP COLUMN due_on, DROP COLUMN completed_on,
        DROP COLUMN external_id, DROP COLUMN updated_at, DROP COLUMN version`);
    await q.query('ALTER TABLE transfer ALTER COLUMN accepted_on DROP NOT NULL');
  }
}
