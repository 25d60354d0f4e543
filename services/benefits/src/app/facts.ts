import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  coverageSpans,
  type AccountEntry,
  type ContributionFacts,
  type CoverageSpan,
  type InfoSheetPeriod,
  type PersonFacts,
  type RelationFacts,
  type WaitingAssignment,
} from '../domain';
import {
  AccountEntryEntity,
  BenefitStartEntity,
  ContributionFactEntity,
  InfoSheetPeriodEntity,
  PersonFactEntity,
  RelationChangeEntity,
  RelationFactEntity,
  TransferFactEntity,
} from '../entities';

/** Everything benefits knows about one person, read in one go: the facts, the latest answers, the account. */
export interface PersonRecord extends PersonFacts {
  /** Whether any event about the person has arrived. */
  known: boolean;
  /** The latest benefit-start answer per relation. */
  starts: BenefitStartEntity[];
  account: AccountEntry[];
  spans: CoverageSpan[];
  waiting: WaitingAssignment[];
}

/** Serialises one person's event handling and commands across consumers and instances (transaction-scoped). */
export async function lockPerson(manager: EntityManager, personId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`benefits:${personId}`]);
}

/**
 * `lockPerson` for several persons in one statement. Taken in the order of their keys (the subquery's ORDER BY, which
 * the outer scan keeps), so two transactions locking overlapping sets wait for each other instead of deadlocking.
 */
export async function lockPersons(manager: EntityManager, personIds: readonly string[]): Promise<void> {
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
       FROM (SELECT DISTINCT 'benefits:' || id AS k FROM unnest($1::text[]) AS id ORDER BY 1) AS keys`,
    [personIds],
  );
}

export function toRelationFacts(
  row: Omit<RelationFactEntity, 'inCentralisedPeriod' | 'personId'>,
  changes: ReadonlyArray<
    Pick<RelationChangeEntity, 'relationId' | 'kind' | 'effectiveDate' | 'coveredUntil' | 'cause'>
  >,
): RelationFacts {
  return {
    relationId: row.relationId,
    scheme: row.scheme,
    employeeCategory: row.employeeCategory,
    residentCategory: row.residentCategory,
    retired: row.retired,
    regionCode: row.regionCode,
    periodYear: row.periodYear,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status,
    registeredOn: row.registeredOn,
    changes: changes
      .filter((c) => c.relationId === row.relationId)
      .map((c) => ({ kind: c.kind, effectiveDate: c.effectiveDate, coveredUntil: c.coveredUntil, cause: c.cause })),
  };
}

export function toContributionFacts(c: ContributionFactEntity): ContributionFacts {
  return {
    contributionId: c.contributionId,
    scheme: c.scheme,
    year: c.year,
    kind: c.kind,
    amountFen: c.amountFen,
    paidOn: c.paidOn,
    refundedOn: c.refundedOn,
  };
}

/** Loads a person's record (inside a transaction when given its manager). */
export async function loadPerson(manager: EntityManager, personId: string): Promise<PersonRecord> {
  const records = await loadPersons(manager, [personId]);
  return records.get(personId)!;
}

/**
 * The records of several persons as of one moment: `loadPersons` in a REPEATABLE READ transaction. Read statement by
 * statement outside one, a consumer's commit between the relations and the answers gave a record with the new
 * relation's waiting period (B1, B6, B7) but without the relation, so one response said "covered from" for a job while
 * its status was computed without it.
 */
export function readPersons(ds: DataSource, ids: readonly string[]): Promise<Map<string, PersonRecord>> {
  return ds.transaction('REPEATABLE READ', (manager) => loadPersons(manager, ids));
}

/**
 * Loads the records of several persons with one query per table, whatever their number (the per-request loader
 * batches a federated query for N persons into these).
 */
export async function loadPersons(manager: EntityManager, ids: readonly string[]): Promise<Map<string, PersonRecord>> {
  const personId = In([...ids]);
  // one after the other: inside a transaction they share one connection
  const persons = await manager.find(PersonFactEntity, { where: { personId } });
  const relations = await manager.find(RelationFactEntity, {
    where: { personId },
    order: { startDate: 'ASC', relationId: 'ASC' },
  });
  const changes = await manager.find(RelationChangeEntity, { where: { personId }, order: { seq: 'ASC' } });
  const contributions = await manager.find(ContributionFactEntity, { where: { personId }, order: { paidOn: 'ASC' } });
  const sheets = await manager.find(InfoSheetPeriodEntity, { where: { personId }, order: { fromDate: 'ASC' } });
  const transfers = await manager.find(TransferFactEntity, { where: { personId } });
  const starts = await manager.find(BenefitStartEntity, { where: { personId }, order: { seq: 'ASC' } });
  const entries = await manager.find(AccountEntryEntity, { where: { personId }, order: { bookedOn: 'ASC' } });
  const out = new Map<string, PersonRecord>();
  for (const id of ids) {
    const person = persons.find((p) => p.personId === id) ?? null;
    const myRelations = of(relations, id);
    const myTransfers = of(transfers, id);
    const myContributions = of(contributions, id);
    const cancelled = new Set(myTransfers.filter((t) => t.status === 'CANCELLED').map((t) => t.transferId));
    const infoSheets: InfoSheetPeriod[] = of(sheets, id)
      .filter((s) => !cancelled.has(s.transferId))
      .map((s) => ({
        transferId: s.transferId,
        scheme: s.scheme,
        regionCode: s.regionCode,
        from: s.fromDate,
        to: s.toDate,
      }));
    const relationFacts = myRelations.map((r) => toRelationFacts(r, of(changes, id)));
    const latestStarts = latestOf(of(starts, id));
    out.set(id, {
      personId: id,
      known: Boolean(person) || myRelations.length > 0 || myContributions.length > 0 || myTransfers.length > 0,
      gender: person?.gender ?? null,
      birthDate: person?.birthDate ?? null,
      relations: relationFacts,
      infoSheets,
      contributions: myContributions.map(toContributionFacts),
      starts: latestStarts,
      account: of(entries, id).map((e) => ({
        transferId: e.transferId,
        direction: e.direction,
        amountFen: e.amountFen,
        on: e.bookedOn,
      })),
      spans: coverageSpans(relationFacts, infoSheets),
      waiting: latestStarts.map(toWaiting),
    });
  }
  return out;
}

/** What a person's benefit status (statusOn) depends on: the relations with their changes, and the waiting periods. */
export type StatusFacts = Pick<PersonRecord, 'personId' | 'relations' | 'waiting'>;

type RelationRow = Omit<RelationFactEntity, 'inCentralisedPeriod'>;
type ChangeRow = Pick<
  RelationChangeEntity,
  'seq' | 'relationId' | 'personId' | 'kind' | 'effectiveDate' | 'coveredUntil' | 'cause'
>;
type StartRow = Pick<BenefitStartEntity, 'personId' | 'relationId' | 'coveredFrom' | 'waitingStartsOn'>;

/**
 * The rows of `table` of the persons `$1` (an array of ids), looked up person by person through the table's person_id
 * index, whatever PostgreSQL knows of the table. Written as `person_id IN (…100 ids…)`, the planner, without statistics
 * on the table (never analysed: autovacuum off, as on the bench machine; or grown many times since it was: a year-end
 * batch fills these tables in minutes), takes the list to match half the table and reads all of it — every run of
 * events then scanned each table whole, a little longer with each event stored (3,418 buffers a statement at 256,000
 * relation_change rows, against about 4 a person through the index). The OFFSET 0 keeps the subquery a lookup per
 * person (a nested loop over the ids) instead of letting the planner merge it into one join it would plan the same way.
 */
const perPerson = (table: string, columns: string, order: string) =>
  `SELECT ${columns} FROM unnest($1::uuid[]) AS p(id)
    CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE person_id = p.id OFFSET 0) t
    ORDER BY ${order}`;

const RELATIONS = perPerson(
  'relation_fact',
  `t.relation_id AS "relationId", t.person_id AS "personId", t.scheme, t.employee_category AS "employeeCategory",
   t.resident_category AS "residentCategory", t.retired, t.region_code AS "regionCode", t.period_year AS "periodYear",
   t.start_date::text AS "startDate", t.end_date::text AS "endDate", t.status, t.registered_on::text AS "registeredOn"`,
  't.start_date, t.relation_id',
);
const CHANGES = perPerson(
  'relation_change',
  `t.seq, t.relation_id AS "relationId", t.person_id AS "personId", t.kind, t.effective_date::text AS "effectiveDate",
   t.covered_until::text AS "coveredUntil", t.cause`,
  't.seq',
);
const STARTS = perPerson(
  'benefit_start',
  `t.person_id AS "personId", t.relation_id AS "relationId", t.covered_from::text AS "coveredFrom",
   t.waiting_starts_on::text AS "waitingStartsOn"`,
  't.seq',
);

/**
 * The status facts of several persons: three of `loadPersons`' eight tables (relations, their changes, the latest
 * answers), in the order `loadPersons` reads them, for handlers that answer only whether the status changed; each
 * table looked up person by person (`perPerson`).
 */
export async function loadStatusFacts(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, StatusFacts>> {
  const persons = [...new Set(ids)];
  // Without statistics the planner also takes each person to have 0.5% of the table, so past a few hundred thousand
  // rows the three reads' estimated cost crosses jit_above_cost, and PostgreSQL compiled each one before running it
  // (300 ms of JIT for 1 ms of lookups at 960,000 rows). In a transaction, JIT is off for them.
  const inTransaction = manager.queryRunner?.isTransactionActive === true;
  if (inTransaction) await manager.query('SET LOCAL jit = off');
  const relations: RelationRow[] = await manager.query(RELATIONS, [persons]);
  const changes: ChangeRow[] = await manager.query(CHANGES, [persons]);
  const starts: StartRow[] = await manager.query(STARTS, [persons]);
  if (inTransaction) await manager.query('RESET jit');
  const out = new Map<string, StatusFacts>();
  for (const id of persons) {
    const myChanges = of(changes, id);
    out.set(id, {
      personId: id,
      relations: of(relations, id).map((r) => toRelationFacts(r, myChanges)),
      waiting: latestOf(of(starts, id)).map(toWaiting),
    });
  }
  return out;
}

const of = <T extends { personId: string }>(rows: T[], id: string) => rows.filter((r) => r.personId === id);

/** The latest answer per relation, of a person's answers in order. */
function latestOf<S extends Pick<BenefitStartEntity, 'relationId'>>(starts: S[]): S[] {
  const latest = new Map<string, S>();
  for (const s of starts) latest.set(s.relationId, s);
  return [...latest.values()];
}

const toWaiting = (
  s: Pick<BenefitStartEntity, 'relationId' | 'coveredFrom' | 'waitingStartsOn'>,
): WaitingAssignment => ({
  relationId: s.relationId,
  coveredFrom: s.coveredFrom,
  waitingStartsOn: s.waitingStartsOn,
});

/** Whether any event about the person has arrived (an unknown person is bad input). */
export async function personKnown(manager: EntityManager, personId: string): Promise<boolean> {
  const [row] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM person_fact WHERE person_id = $1)
         OR EXISTS (SELECT 1 FROM relation_fact WHERE person_id = $1)
         OR EXISTS (SELECT 1 FROM contribution_fact WHERE person_id = $1)
         OR EXISTS (SELECT 1 FROM transfer_fact WHERE person_id = $1) AS known`,
    [personId],
  );
  return Boolean((row as { known: boolean }).known);
}

/** B7: the payment of a relation — its year's first unrefunded regular contribution or prepayment in the scheme. */
export function paymentOf(facts: Pick<PersonFacts, 'contributions'>, relation: RelationFacts): string | null {
  const paid = facts.contributions
    .filter(
      (c) =>
        c.scheme === relation.scheme &&
        c.year === relation.periodYear &&
        c.kind !== 'BACK_PAYMENT' &&
        c.refundedOn === null,
    )
    .map((c) => c.paidOn)
    .sort();
  return paid[0] ?? null;
}

/** B7 repair: the resident years paid back (补缴) and not refunded. */
export function repairYears(facts: Pick<PersonFacts, 'contributions'>): number[] {
  return facts.contributions
    .filter((c) => c.scheme === 'RESIDENT' && c.kind === 'BACK_PAYMENT' && c.refundedOn === null)
    .map((c) => c.year);
}
