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

  async relation(m: EntityManager, r: RelationSnapshot, asOf: string): Promise<void> {
    await m.query(
      `INSERT INTO projected_relation (relation_id, person_id, scheme, employee_category, resident_category, retired,
         region_code, unit_code, unit_name, period_year, start_date, end_date, status, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (relation_id) DO UPDATE SET person_id = EXCLUDED.person_id, scheme = EXCLUDED.scheme,
         employee_category = EXCLUDED.employee_category, resident_category = EXCLUDED.resident_category,
         retired = EXCLUDED.retired, region_code = EXCLUDED.region_code, unit_code = EXCLUDED.unit_code,
         unit_name = EXCLUDED.unit_name, period_year = EXCLUDED.period_year, start_date = EXCLUDED.start_date,
         end_date = EXCLUDED.end_date, status = EXCLUDED.status, as_of = EXCLUDED.as_of
       WHERE projected_relation.as_of <= EXCLUDED.as_of`,
      [
        r.relationId,
        r.personId,
        r.scheme,
        r.employeeCategory,
        r.residentCategory,
        r.retired,
        r.regionCode,
        r.unitCode,
        r.unitName,
        r.periodYear,
        r.startDate,
        r.endDate,
        r.status,
        asOf,
      ],
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
