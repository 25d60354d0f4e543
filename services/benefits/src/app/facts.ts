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

export function toRelationFacts(row: RelationFactEntity, changes: readonly RelationChangeEntity[]): RelationFacts {
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
 * `loadPersons` outside a command: its eight reads in one REPEATABLE READ transaction, so they see one snapshot. Read
 * one after the other without it, an event applied between two of them gave a record that was never true (the
 * waiting period of a relation not yet read: `benefitStatus` NOT_INSURED beside a B7 waiting period).
 */
export function loadPersonsConsistently(ds: DataSource, ids: readonly string[]): Promise<Map<string, PersonRecord>> {
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
  const of = <T extends { personId: string }>(rows: T[], id: string) => rows.filter((r) => r.personId === id);
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
    const myChanges = of(changes, id);
    const relationFacts = myRelations.map((r) => toRelationFacts(r, myChanges));
    const latest = new Map<string, BenefitStartEntity>();
    for (const s of of(starts, id)) latest.set(s.relationId, s);
    const latestStarts = [...latest.values()];
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
      waiting: latestStarts.map((s) => ({
        relationId: s.relationId,
        coveredFrom: s.coveredFrom,
        waitingStartsOn: s.waitingStartsOn,
      })),
    });
  }
  return out;
}

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
