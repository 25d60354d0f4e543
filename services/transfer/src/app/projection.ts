import type { CloudEvent, EventData } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import type { PersonFacts, RelationFacts } from '../domain';
import { ProjectedPersonEntity, ProjectedRelationEntity } from '../entities';

type RelationSnapshot = EventData<'relation-registered'>['relation'];

/**
 * The transfer service's own copy of what enrollment publishes about persons and relations (T5 reads it, so a transfer
 * is accepted while enrollment is down). Every event carries the whole relation, so a row is replaced by a newer
 * event's snapshot and an older event arriving late (another topic, another partition) changes nothing.
 */
export class Projection {
  async person(m: EntityManager, event: CloudEvent<EventData<'person-registered'>>): Promise<void> {
    const d = event.data;
    await m.query(
      `INSERT INTO projected_person (person_id, name, id_type, id_number, mobile, as_of)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (person_id) DO UPDATE SET name = EXCLUDED.name, id_type = EXCLUDED.id_type,
         id_number = EXCLUDED.id_number, mobile = EXCLUDED.mobile, as_of = EXCLUDED.as_of
       WHERE projected_person.as_of <= EXCLUDED.as_of`,
      [d.personId, d.name, d.idType, d.idNumber, d.mobile, event.time ?? d.registeredAt],
    );
  }

  /** person-updated (E14: a newborn's resident ID replaces the birth certificate). */
  async personUpdated(m: EntityManager, event: CloudEvent<EventData<'person-updated'>>): Promise<void> {
    const d = event.data;
    await m.query(
      `UPDATE projected_person SET id_type = $2, id_number = $3, as_of = $4
        WHERE person_id = $1 AND as_of <= $4`,
      [d.personId, d.idType, d.idNumber, event.time ?? d.updatedAt],
    );
  }

  /**
   * Relation events (registered, suspended, resumed, terminated): each event's snapshot as of its time. The consumer
   * calls it with one event; with a run of them it costs one statement all the same.
   */
  relationEvents(m: EntityManager, events: ReadonlyArray<CloudEvent<{ relation: RelationSnapshot }>>): Promise<void> {
    return this.relations(
      m,
      events.map((e) => ({ relation: e.data.relation, asOf: e.time })),
    );
  }

  /**
   * Relation snapshots in the order their events came (a consumer's run: the year-end batch's relation-suspended), in
   * one statement. One INSERT cannot touch a row twice, so of several snapshots of one relation only the one the events
   * one by one would have left is written: the newest `as_of`, the later of equals; it then replaces the row under the
   * same condition as each would have (`as_of` not older).
   */
  async relations(m: EntityManager, snapshots: ReadonlyArray<{ relation: RelationSnapshot; asOf: string }>) {
    if (snapshots.length === 0) return;
    // one JSON document for all of them: one parameter whatever their number (PostgreSQL allows 65,535)
    const rows = snapshots.map(({ relation: r, asOf }, n) => ({
      n,
      relation_id: r.relationId,
      person_id: r.personId,
      scheme: r.scheme,
      employee_category: r.employeeCategory,
      resident_category: r.residentCategory,
      retired: r.retired,
      region_code: r.regionCode,
      unit_code: r.unitCode,
      unit_name: r.unitName,
      period_year: r.periodYear,
      start_date: r.startDate,
      end_date: r.endDate,
      status: r.status,
      as_of: asOf,
    }));
    await m.query(
      `INSERT INTO projected_relation (relation_id, person_id, scheme, employee_category, resident_category, retired,
         region_code, unit_code, unit_name, period_year, start_date, end_date, status, as_of)
       SELECT DISTINCT ON (relation_id) relation_id, person_id, scheme, employee_category, resident_category, retired,
              region_code, unit_code, unit_name, period_year, start_date, end_date, status, as_of
         FROM jsonb_to_recordset($1::jsonb) AS s(n int, relation_id uuid, person_id uuid, scheme text,
              employee_category text, resident_category text, retired boolean, region_code text, unit_code text,
              unit_name text, period_year int, start_date date, end_date date, status text, as_of timestamptz)
        ORDER BY relation_id, as_of DESC, n DESC
       ON CONFLICT (relation_id) DO UPDATE SET person_id = EXCLUDED.person_id, scheme = EXCLUDED.scheme,
         employee_category = EXCLUDED.employee_category, resident_category = EXCLUDED.resident_category,
         retired = EXCLUDED.retired, region_code = EXCLUDED.region_code, unit_code = EXCLUDED.unit_code,
         unit_name = EXCLUDED.unit_name, period_year = EXCLUDED.period_year, start_date = EXCLUDED.start_date,
         end_date = EXCLUDED.end_date, status = EXCLUDED.status, as_of = EXCLUDED.as_of
       WHERE projected_relation.as_of <= EXCLUDED.as_of`,
      [JSON.stringify(rows)],
    );
  }

  async personOf(m: EntityManager, personId: string): Promise<PersonFacts | null> {
    const p = await m.getRepository(ProjectedPersonEntity).findOne({ where: { personId } });
    return p ? { personId: p.personId, name: p.name, idType: p.idType, idNumber: p.idNumber, mobile: p.mobile } : null;
  }

  async relationsOf(m: EntityManager, personId: string): Promise<RelationFacts[]> {
    const rows = await m
      .getRepository(ProjectedRelationEntity)
      .find({ where: { personId }, order: { startDate: 'ASC' } });
    return rows.map((r) => ({
      relationId: r.relationId,
      personId: r.personId,
      scheme: r.scheme,
      employeeCategory: r.employeeCategory,
      residentCategory: r.residentCategory,
      retired: r.retired,
      regionCode: r.regionCode,
      unitCode: r.unitCode,
      unitName: r.unitName,
      periodYear: r.periodYear,
      startDate: r.startDate,
      endDate: r.endDate,
      status: r.status,
    }));
  }
}
