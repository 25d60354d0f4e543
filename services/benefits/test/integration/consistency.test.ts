import { envelope, eventually } from '@yibao/test-kit';
import { readPersons } from '../../src/app/facts';
import { BenefitsHarness, active, newId, person, registered } from './harness';

/**
 * A person's record (the relations and the answers given for them) is read as of one moment, whatever the consumer
 * commits meanwhile: one response never says when a relation's benefits start while computing the status without it.
 */
const h = new BenefitsHarness();

beforeAll(() => h.start());
afterAll(() => h.stop());

it('B1, B7: a registration committed while a record is read is in all of the record or in none of it', async () => {
  const personId = newId();
  await h.deliver('person-registered', personId, person(personId));
  const ds = h.service.runtime.dataSource;
  const relation = active(personId, { scheme: 'EMPLOYEE', employeeCategory: 'EMPLOYER_STAFF', residentCategory: null });

  // The consumer's transaction holds the answers' table, so the reader stops there after reading the relations.
  const writer = ds.createQueryRunner();
  await writer.connect();
  await writer.startTransaction();
  try {
    await writer.query('LOCK TABLE benefit_start IN ACCESS EXCLUSIVE MODE');
    const reading = readPersons(ds, [personId]);
    await eventually(
      async () => {
        const [row] = await ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (row as { n: number }).n > 0;
      },
      10_000,
      'the reader waiting for the answers',
    );
    // the registration lands in between: the relation and its answer (B1), committed together
    await h.app.ingest.relationRegistered(
      writer.manager,
      envelope('relation-registered', personId, registered(relation, '2026-07-01')),
    );
    await writer.commitTransaction();
    const record = (await reading).get(personId)!;
    const knowsRelation = record.relations.some((r) => r.relationId === relation.relationId);
    const hasAnswer = record.starts.some((s) => s.relationId === relation.relationId);
    // as of the moment the read began: neither (read statement by statement it had the answer without the relation)
    expect({ knowsRelation, hasAnswer }).toEqual({ knowsRelation: false, hasAnswer: false });
    // and a read after the commit has both
    const after = (await readPersons(ds, [personId])).get(personId)!;
    expect(after.relations.map((r) => r.relationId)).toContain(relation.relationId);
    expect(after.starts.map((s) => s.relationId)).toContain(relation.relationId);
  } finally {
    if (writer.isTransactionActive) await writer.rollbackTransaction();
    await writer.release();
  }
});
