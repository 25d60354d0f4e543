import { addDays, chinaDate, maxDate, type CloudEvent, type EventData, type ServiceRuntime } from '@yibao/shared';
import type { EntityManager } from 'typeorm';
import { decideAccountTransfer } from '../domain';
import {
  AccountEntryEntity,
  ContributionFactEntity,
  PersonFactEntity,
  RelationFactEntity,
  TransferFactEntity,
} from '../entities';
import type { Assessment } from './assessment';
import { loadPerson, loadStatusFacts, lockPerson, lockPersons } from './facts';

type Snapshot = EventData<'relation-registered'>['relation'];
type StatusEvent = EventData<'relation-suspended'> | EventData<'relation-resumed'> | EventData<'relation-terminated'>;
type ChangeKind = 'SUSPENDED' | 'RESUMED' | 'TERMINATED';

/** The relation_fact row a snapshot describes (the end date only of an ACTIVE relation). */
function relationFact(r: Snapshot, registeredOn: string, inCentralisedPeriod: boolean) {
  return {
    relationId: r.relationId,
    personId: r.personId,
    scheme: r.scheme,
    employeeCategory: r.employeeCategory,
    residentCategory: r.residentCategory,
    retired: r.retired,
    regionCode: r.regionCode,
    periodYear: r.periodYear,
    startDate: r.startDate,
    endDate: r.status === 'ACTIVE' ? r.endDate : null,
    status: r.status,
    registeredOn,
    inCentralisedPeriod,
  };
}

/**
 * Applies the consumed events to the person's facts, in the consumer's transaction (the inbox row commits with them,
 * so a redelivered event changes nothing), then answers again: waiting-period-assigned for a relation whose start of
 * benefits changed, benefit-status-changed when the status changed. One person's events are serialised by a lock.
 */
export class IngestService {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly assessment: Assessment,
  ) {}

  async personRegistered(m: EntityManager, e: CloudEvent<EventData<'person-registered'>>): Promise<void> {
    await lockPerson(m, e.data.personId);
    await m.upsert(
      PersonFactEntity,
      {
        personId: e.data.personId,
        gender: e.data.gender,
        birthDate: e.data.birthDate,
        idType: e.data.idType,
        updatedAt: this.runtime.clock.now(),
      },
      ['personId'],
    );
  }

  async personUpdated(m: EntityManager, e: CloudEvent<EventData<'person-updated'>>): Promise<void> {
    await lockPerson(m, e.data.personId);
    await m.upsert(
      PersonFactEntity,
      {
        personId: e.data.personId,
        gender: e.data.gender,
        birthDate: e.data.birthDate,
        idType: e.data.idType,
        updatedAt: this.runtime.clock.now(),
      },
      ['personId'],
    );
  }

  /** Stores the relation as the snapshot describes it, unless it is already known (events across topics may cross). */
  private async knowRelation(m: EntityManager, r: Snapshot, registeredOn: string, inCentralisedPeriod: boolean) {
    await m
      .createQueryBuilder()
      .insert()
      .into(RelationFactEntity)
      .values(relationFact(r, registeredOn, inCentralisedPeriod))
      .orIgnore()
      .execute();
  }

  /**
   * relation-registered: the relation, then when its benefits start (B1, B6, B7). "Inside the centralised period" is
   * what the E13 lapse warning says when it comes with one; otherwise a resident registration made before its year
   * begins.
   */
  async relationRegistered(m: EntityManager, e: CloudEvent<EventData<'relation-registered'>>): Promise<void> {
    const r = e.data.relation;
    await lockPerson(m, r.personId);
    const before = await loadPerson(m, r.personId);
    const registeredOn = chinaDate(new Date(e.data.registeredAt));
    const lapse = e.data.warnings?.find((w) => w.lapse)?.lapse;
    const inPeriod =
      r.scheme === 'RESIDENT' && (lapse ? !lapse.outsideCentralisedPeriod : registeredOn < `${r.periodYear}-01-01`);
    await this.knowRelation(m, r, registeredOn, inPeriod);
    // a registration that arrives after a suspension of the same relation brings what the snapshot did not
    await m.update(RelationFactEntity, { relationId: r.relationId }, { registeredOn, inCentralisedPeriod: inPeriod });
    const after = await loadPerson(m, r.personId);
    await this.assessment.assess(m, after, r.relationId);
    await this.assessment.statusChange(m, before, r.personId, r.startDate);
  }

  /** relation-suspended, -resumed, -terminated: the change in order; E3's coveredUntil kept; E14 restorations. */
  relationChanged(m: EntityManager, kind: ChangeKind, e: CloudEvent<StatusEvent>): Promise<void> {
    return this.relationsChanged(m, kind, [e]);
  }

  /**
   * `relationChanged` for a run of events of one topic, in order, in one transaction: what the consumer's batch gives
   * (a year-end batch is thousands of relation-suspended, one per person). The run is cut where a person (or a
   * relation: one statement writes a row once) comes again, so in each part every person has one event, and the facts
   * before it are the ones its predecessors left. Each part costs the statements of one event, whatever its length
   * (lock, status facts before, relations, changes, status facts after, and the status answers when any changed), and
   * gives what the events one by one would have given.
   */
  async relationsChanged(m: EntityManager, kind: ChangeKind, events: ReadonlyArray<CloudEvent<StatusEvent>>) {
    let part: Array<CloudEvent<StatusEvent>> = [];
    const seen = new Set<string>();
    for (const e of events) {
      const { personId, relationId } = e.data.relation;
      if (seen.has(personId) || seen.has(relationId)) {
        await this.applyChanges(m, kind, part);
        part = [];
        seen.clear();
      }
      part.push(e);
      seen.add(personId).add(relationId);
    }
    if (part.length > 0) await this.applyChanges(m, kind, part);
  }

  /**
   * Events of distinct persons (and relations): the status facts of each person read once before and once after all
   * of them, their relations written in one statement, their changes in another.
   */
  private async applyChanges(m: EntityManager, kind: ChangeKind, events: ReadonlyArray<CloudEvent<StatusEvent>>) {
    const personIds = events.map((e) => e.data.relation.personId);
    await lockPersons(m, personIds);
    // only what the status depends on: these events change nothing else of the person's record
    const before = await loadStatusFacts(m, personIds);
    // a relation not known yet is stored as the snapshot describes it (events across topics may cross); a known one
    // takes the snapshot's status, and nothing else (the insert-or-ignore and UPDATE of one event, as one statement).
    // Both writes send their rows as one JSON document (as transfer's projection does): TypeORM's query builder spent
    // more time building a multi-row VALUES list than PostgreSQL spent running it (a tenth of benefits' profile).
    await m.query(
      `INSERT INTO relation_fact (relation_id, person_id, scheme, employee_category, resident_category, retired,
                                  region_code, period_year, start_date, end_date, status, registered_on,
                                  in_centralised_period)
       SELECT r.relation_id, r.person_id, r.scheme, r.employee_category, r.resident_category, r.retired, r.region_code,
              r.period_year, r.start_date, r.end_date, r.status, r.registered_on, r.in_centralised_period
         FROM jsonb_to_recordset($1::jsonb) AS r(relation_id uuid, person_id uuid, scheme text, employee_category text,
              resident_category text, retired boolean, region_code text, period_year int, start_date date,
              end_date date, status text, registered_on date, in_centralised_period boolean)
       ON CONFLICT (relation_id) DO UPDATE SET status = EXCLUDED.status`,
      [
        JSON.stringify(
          events.map((e) => {
            const f = relationFact(e.data.relation, chinaDate(new Date(e.data.changedAt)), false);
            return {
              relation_id: f.relationId,
              person_id: f.personId,
              scheme: f.scheme,
              employee_category: f.employeeCategory,
              resident_category: f.residentCategory,
              retired: f.retired,
              region_code: f.regionCode,
              period_year: f.periodYear,
              start_date: f.startDate,
              end_date: f.endDate,
              status: f.status,
              registered_on: f.registeredOn,
              in_centralised_period: f.inCentralisedPeriod,
            };
          }),
        ),
      ],
    );
    const coveredUntil = (e: CloudEvent<StatusEvent>) =>
      'coveredUntil' in e.data ? (e.data.coveredUntil ?? null) : null;
    // in event order (n), so relation_change.seq orders them as one by one would
    await m.query(
      `INSERT INTO relation_change (relation_id, person_id, kind, effective_date, covered_until, cause, event_id)
       SELECT c.relation_id, c.person_id, c.kind, c.effective_date, c.covered_until, c.cause, c.event_id
         FROM jsonb_to_recordset($1::jsonb) AS c(n int, relation_id uuid, person_id uuid, kind text, effective_date date,
              covered_until date, cause text, event_id uuid)
        ORDER BY c.n
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          events.map((e, n) => ({
            n,
            relation_id: e.data.relation.relationId,
            person_id: e.data.relation.personId,
            kind,
            effective_date: e.data.effectiveDate,
            covered_until: coveredUntil(e),
            cause: e.data.cause,
            event_id: e.id,
          })),
        ),
      ],
    );
    const after = await loadStatusFacts(m, personIds);
    await this.assessment.statusChanges(
      m,
      events.map((e) => ({
        before: before.get(e.data.relation.personId)!,
        after: after.get(e.data.relation.personId)!,
        pivot: kind === 'RESUMED' ? e.data.effectiveDate : addDays(coveredUntil(e) ?? e.data.effectiveDate, 1),
        // what the consumer runs each event's handler under
        correlationId: e.correlationid ?? e.id,
      })),
    );
  }

  /**
   * contribution-recorded / -refunded: the payment date of a resident relation (B6: the day after payment; B7: the
   * waiting period runs from it) and the years paid back (B7 repair). The person's Tianjin relations whose answer may
   * change are assessed again.
   */
  async contribution(
    m: EntityManager,
    e: CloudEvent<EventData<'contribution-recorded'> | EventData<'contribution-refunded'>>,
  ): Promise<void> {
    const c = e.data;
    await lockPerson(m, c.personId);
    const before = await loadPerson(m, c.personId);
    await m.upsert(
      ContributionFactEntity,
      {
        contributionId: c.contributionId,
        personId: c.personId,
        scheme: c.scheme,
        year: c.year,
        kind: c.kind,
        amountFen: c.amountFen,
        paidOn: c.paidOn,
        refundedOn: 'refundedOn' in c ? c.refundedOn : null,
      },
      ['contributionId'],
    );
    const after = await loadPerson(m, c.personId);
    const today = this.runtime.clock.today();
    const affected = after.relations.filter((r) => {
      const latest = after.starts.find((s) => s.relationId === r.relationId);
      return (r.scheme === c.scheme && r.periodYear === c.year) || (latest !== undefined && latest.coveredFrom > today);
    });
    const changed: string[] = [];
    for (const r of affected) if (await this.assessment.assess(m, after, r.relationId)) changed.push(r.startDate);
    const pivot = changed.sort()[0];
    if (pivot) await this.assessment.statusChange(m, before, c.personId, maxDate(pivot, today));
  }

  private async knowTransfer(
    m: EntityManager,
    t: EventData<'transfer-status-changed'> | EventData<'account-transferred'>,
    status: string | null,
    at: Date,
  ) {
    const values = {
      transferId: t.transferId,
      personId: t.personId,
      direction: t.direction,
      mode: t.mode,
      fromScheme: t.fromScheme,
      toScheme: t.toScheme,
      sourceRegion: t.sourceRegion,
      destinationRegion: t.destinationRegion,
      status: status ?? 'ACCEPTED',
      changedAt: at,
    };
    if (status === null)
      await m.createQueryBuilder().insert().into(TransferFactEntity).values(values).orIgnore().execute();
    else await m.upsert(TransferFactEntity, values, ['transferId']);
  }

  /** transfer-status-changed: the transfer and its step (a CANCELLED transfer's info sheet no longer counts). */
  async transferStatusChanged(m: EntityManager, e: CloudEvent<EventData<'transfer-status-changed'>>): Promise<void> {
    await lockPerson(m, e.data.personId);
    await this.knowTransfer(m, e.data, e.data.status, new Date(e.data.changedAt));
  }

  /** account-transferred: B8 — credited (INBOUND) or debited (OUTBOUND) once per transfer, enforced by the database. */
  async accountTransferred(m: EntityManager, e: CloudEvent<EventData<'account-transferred'>>): Promise<void> {
    const t = e.data;
    await lockPerson(m, t.personId);
    await this.knowTransfer(m, t, null, this.runtime.clock.now());
    const existing = await m.find(AccountEntryEntity, { where: { transferId: t.transferId } });
    const decision = decideAccountTransfer(
      existing.map((x) => ({
        transferId: x.transferId,
        direction: x.direction,
        amountFen: x.amountFen,
        on: x.bookedOn,
      })),
      { transferId: t.transferId, direction: t.direction, amountFen: t.amountFen, on: t.on },
    );
    if (!decision.apply) {
      this.runtime.logger.info({ transferId: t.transferId, eventId: e.id }, decision.steps[0]?.en ?? 'already booked');
      return;
    }
    await m
      .createQueryBuilder()
      .insert()
      .into(AccountEntryEntity)
      .values({
        personId: t.personId,
        transferId: t.transferId,
        direction: t.direction,
        amountFen: t.amountFen,
        bookedOn: t.on,
        eventId: e.id,
      })
      .orIgnore()
      .execute();
  }
}
