/**
 * The batch jobs E12–E14 on the real enrollment database and Kafka: who is suspended and who is not, one
 * relation-suspended per relation, a second run changes nothing, a crashed run resumes after its cursor with every
 * candidate processed exactly once, progress done/total; the GraphQL fields and the CLI.
 */
import { createLogger, fixedClock, type Identity } from '@yibao/shared';
import { graphql } from 'graphql';
import { Writable } from 'node:stream';
import type { RegisterRelationCommand } from '../../src/app/relation.service';
import { EnrollmentError, EnrollmentErrorCode } from '../../src/app/errors';
import type { BatchJobEntity, BatchJobKind } from '../../src/entities';
import { createBatchJobs, type BatchJobs } from '../../src/jobs';
import { runJobCli } from '../../src/jobs/cli';
import { enrollment } from '../../src/service';
import { CITY_STAFF as CITY, KAFKA_BROKERS, residentId, testDatabaseUrl } from '@yibao/test-kit';
import { EnrollmentHarness, newPerson, residentCommand } from '@yibao/test-kit/enrollment';

let h: EnrollmentHarness;
/** Two persons per chunk, so that every run here has several chunks. */
let jobs: BatchJobs;

beforeAll(async () => {
  h = await new EnrollmentHarness().start();
  jobs = createBatchJobs(h.service.runtime, { chunkSize: 2 });
});

afterAll(async () => {
  await jobs?.stop();
  await h?.stop();
});

beforeEach(async () => {
  // Each test counts candidates exactly: start from no persons, relations, events or jobs (this suite's own database).
  await h.service.runtime.dataSource.query(
    `TRUNCATE batch_job, relation_history, insurance_relation, contribution, consent, suspension_application,
              registration_notice, person, outbox CASCADE`,
  );
  h.clock.date = '2026-03-02';
});

// ---------------------------------------------------------------------------------------------------------------
// Set-up helpers

const resident = residentCommand;

/** A person with one resident relation; returns the person and relation ids. */
async function withRelation(over: Partial<RegisterRelationCommand>): Promise<{ personId: string; relationId: string }> {
  const personId = await newPerson(h);
  const { relation } = await h.app.relations.register(resident(personId, over), CITY);
  return { personId, relationId: relation.id };
}

const student = (level: 'UNIVERSITY' | 'HIGHER_VOCATIONAL' | 'SECONDARY', expectedGraduation: string | null) =>
  withRelation({
    residentCategory: 'SCHOOL',
    schoolLevel: level,
    expectedGraduation,
    unitCode: level === 'SECONDARY' ? '3112000001' : '4112010055',
    unitName: level === 'SECONDARY' ? '天津市第一中学' : '南开大学',
  });

let certificate = 0;
/** A newborn registered with a birth certificate (or, `withId`, with a resident ID) and a NEWBORN relation. */
async function newborn(birthDate: string, withId = false): Promise<{ personId: string; relationId: string }> {
  certificate += 1;
  const person = await h.app.persons.register(
    {
      idType: withId ? 'RESIDENT_ID' : 'BIRTH_CERTIFICATE',
      idNumber: withId
        ? residentId(birthDate.replace(/-/g, ''), '120104', 500 + certificate)
        : `O12${String(Date.now() % 1e6).padStart(6, '0')}${certificate}`,
      name: `新生儿${certificate}`,
      gender: 'FEMALE',
      birthDate,
      mobile: null,
      householdRegion: '120104',
      residenceRegion: '120104',
      schoolRegion: null,
    },
    CITY,
  );
  const { relation } = await h.app.relations.register(
    resident(person.id, {
      residentCategory: 'NEWBORN',
      unitCode: 'NB120104',
      unitName: '新生儿',
      startDate: birthDate,
    }),
    CITY,
  );
  return { personId: person.id, relationId: relation.id };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function statusOf(
  relationId: string,
): Promise<{ status: string; suspensionRule: string | null; endDate: string | null }> {
  const r = await h.app.queries.relation(relationId, CITY);
  if (!r) throw new Error(`no relation ${relationId}`);
  return { status: r.status, suspensionRule: r.suspensionRule, endDate: r.endDate };
}

async function suspendedEvents(personId: string) {
  return (await h.eventsOf(personId)).filter((e) => e.topic === 'relation-suspended');
}

/** History rows written by a batch job, per relation. */
async function batchHistory(jobId: string): Promise<Map<string, number>> {
  const rows: Array<{ relation_id: string; n: number }> = await h.service.runtime.dataSource.query(
    'SELECT relation_id, count(*)::int AS n FROM relation_history WHERE batch_job_id = $1 GROUP BY relation_id',
    [jobId],
  );
  return new Map(rows.map((r) => [r.relation_id, r.n]));
}

/** Everything a run could have written: a second run must leave all of it as it was. */
async function footprint() {
  const [job] = await h.service.runtime.dataSource.query(
    'SELECT id, status, total, done, suspended, cursor, finished_at FROM batch_job ORDER BY started_at',
  );
  return {
    jobs: await h.count('batch_job'),
    history: await h.count('relation_history'),
    outbox: await h.count('outbox'),
    suspended: await h.count('insurance_relation', "status = 'SUSPENDED'"),
    job,
  };
}

/** Runs a job, collecting the progress reported after each chunk. */
async function runWithProgress(kind: BatchJobKind, runDate: string, by: Identity = CITY) {
  const progress: Array<[number, number]> = [];
  const result = await jobs.run(kind, runDate, by, { onProgress: (j) => progress.push([j.done, j.total]) });
  return { ...result, progress };
}

/** Checks a completed run: exactly one history row and one relation-suspended (cause = rule) per relation. */
async function expectSuspendedOnce(
  job: BatchJobEntity,
  rule: string,
  suspended: Array<{ personId: string; relationId: string }>,
) {
  const history = await batchHistory(job.id);
  expect(history).toEqual(new Map(suspended.map((s) => [s.relationId, 1])));
  for (const s of suspended) {
    expect(await statusOf(s.relationId)).toEqual({ status: 'SUSPENDED', suspensionRule: rule, endDate: job.runDate });
    const events = await suspendedEvents(s.personId);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      relation: { relationId: s.relationId, status: 'SUSPENDED' },
      previousStatus: 'ACTIVE',
      cause: rule,
      effectiveDate: job.runDate,
      actor: { subject: CITY.subject, role: 'SYSTEM' },
    });
  }
}

/**
 * A crash on the 4th person (the second chunk of two): the first chunk stays, the second rolls back, the job is
 * FAILED with the person named. A new run resumes after the cursor and processes the rest, each exactly once.
 */
async function crashAndResume(
  kind: BatchJobKind,
  runDate: string,
  rule: string,
  candidates: Array<{ personId: string; relationId: string }>,
) {
  const ordered = [...candidates].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const fourth = ordered[3]!.personId;
  const seen: string[] = [];
  const crashed = await jobs.run(kind, runDate, CITY, {
    beforePerson: (personId) => {
      seen.push(personId);
      if (personId === fourth) throw new Error('simulated crash');
    },
  });
  expect(seen).toEqual(ordered.slice(0, 4).map((c) => c.personId));
  expect(crashed.job).toMatchObject({
    status: 'FAILED',
    done: 2,
    suspended: 2,
    total: 5,
    cursor: ordered[1]!.personId,
  });
  expect(crashed.job.error).toContain(`person ${fourth}: simulated crash`);
  expect(await batchHistory(crashed.job.id)).toEqual(new Map(ordered.slice(0, 2).map((c) => [c.relationId, 1])));
  expect(await statusOf(ordered[2]!.relationId)).toMatchObject({ status: 'ACTIVE' }); // rolled back with its chunk

  const again: string[] = [];
  const resumed = await jobs.run(kind, runDate, CITY, { beforePerson: (personId) => void again.push(personId) });
  expect(resumed.resumed).toBe(true);
  expect(again).toEqual(ordered.slice(2).map((c) => c.personId));
  expect(resumed.job).toMatchObject({
    id: crashed.job.id,
    status: 'COMPLETED',
    done: 5,
    total: 5,
    suspended: 5,
    error: null,
  });
  await expectSuspendedOnce(resumed.job, rule, candidates);
}

// ---------------------------------------------------------------------------------------------------------------
// E12

describe('E12 — graduation batch', () => {
  async function graduationScenario() {
    const graduates = [
      await student('UNIVERSITY', '2026-06-30'),
      await student('HIGHER_VOCATIONAL', '2026-07-01'),
      await student('UNIVERSITY', '2026-06-20'),
    ];
    const stay = [
      await student('UNIVERSITY', '2027-06-30'), // school years left
      await student('UNIVERSITY', null), // school years not maintained
      await student('SECONDARY', '2026-06-30'), // not higher education
      await withRelation({}), // household
    ];
    h.clock.date = '2026-07-01';
    return { graduates, stay };
  }

  it('E12: the graduation batch suspends students of higher education whose school years ran out, one relation-suspended each', async () => {
    const { graduates, stay } = await graduationScenario();
    const { job, alreadyCompleted, resumed, progress } = await runWithProgress('GRADUATION', '2026-07-01');
    expect({ alreadyCompleted, resumed }).toEqual({ alreadyCompleted: false, resumed: false });
    expect(job).toMatchObject({
      kind: 'GRADUATION',
      runDate: '2026-07-01',
      status: 'COMPLETED',
      total: 3,
      done: 3,
      suspended: 3,
    });
    expect(job.startedBy).toBe(CITY.subject);
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(progress).toEqual([
      [2, 3],
      [3, 3],
    ]);
    await expectSuspendedOnce(job, 'E12', graduates);
    for (const s of stay) {
      expect(await statusOf(s.relationId)).toMatchObject({ status: 'ACTIVE' });
      expect(await suspendedEvents(s.personId)).toEqual([]);
    }
  });

  it('E12: a second run of the same graduation day changes nothing', async () => {
    await graduationScenario();
    const first = await jobs.run('GRADUATION', '2026-07-01', CITY);
    const before = await footprint();
    const second = await jobs.run('GRADUATION', '2026-07-01', { subject: 'clerk-other', role: 'CITY_STAFF' });
    expect(second.alreadyCompleted).toBe(true);
    expect(second.job).toMatchObject({ id: first.job.id, status: 'COMPLETED', done: 3, suspended: 3 });
    expect(await footprint()).toEqual(before);
  });

  it('E12: a crash mid-run resumes after the cursor; every graduate is processed exactly once', async () => {
    const graduates = [];
    for (let i = 0; i < 5; i++) graduates.push(await student('UNIVERSITY', '2026-06-30'));
    await student('UNIVERSITY', '2027-06-30');
    h.clock.date = '2026-07-01';
    await crashAndResume('GRADUATION', '2026-07-01', 'E12', graduates);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// E13

describe('E13 — year-end batch', () => {
  const pay = (personId: string, paidOn: string) =>
    h.app.contributions.record(
      { personId, scheme: 'RESIDENT', employeeCategory: null, year: 2027, kind: 'NORMAL', amountFen: 38000, paidOn },
      CITY,
    );

  async function yearEndScenario() {
    const lapsed = [
      await withRelation({}),
      await withRelation({ residentCategory: 'VILLAGE', unitCode: 'VC120104001', unitName: '某村' }),
      await withRelation({ residentCategory: 'WELFARE_INSTITUTION', unitCode: 'WI120104001', unitName: '某福利院' }),
    ];
    const refunded = await withRelation({});
    const early = await withRelation({});
    const paid = await withRelation({});
    const school = await withRelation({ residentCategory: 'SCHOOL', schoolLevel: 'PRIMARY', unitCode: '2112000001' });
    h.clock.date = '2026-10-15';
    await pay(paid.personId, '2026-10-15'); // inside the centralised period for 2027 (2026-09-01 – 2026-12-31)
    const c = await pay(refunded.personId, '2026-10-15');
    h.clock.date = '2026-11-02'; // a refund is recorded on or after its date (validateRefund)
    await h.app.contributions.refund(c.id, '2026-11-02', CITY); // refunded: not paid
    await pay(early.personId, '2026-08-20'); // before the period opened
    h.clock.date = '2027-01-01';
    return { suspended: [...lapsed, refunded, early], stay: [paid, school] };
  }

  it('E13: the year-end batch suspends household residents who did not pay next year, one relation-suspended each', async () => {
    const { suspended, stay } = await yearEndScenario();
    const { job, progress } = await runWithProgress('YEAR_END', '2026-12-31');
    // Candidates are the HOUSEHOLD, VILLAGE and WELFARE_INSTITUTION residents of 2026; the domain spares the payer.
    expect(job).toMatchObject({ kind: 'YEAR_END', status: 'COMPLETED', total: 6, done: 6, suspended: 5 });
    expect(progress).toEqual([
      [2, 6],
      [4, 6],
      [6, 6],
    ]);
    await expectSuspendedOnce(job, 'E13', suspended);
    for (const s of stay) {
      expect(await statusOf(s.relationId)).toMatchObject({ status: 'ACTIVE' });
      expect(await suspendedEvents(s.personId)).toEqual([]);
    }
  });

  it('E13: a second year-end run changes nothing', async () => {
    await yearEndScenario();
    const first = await jobs.run('YEAR_END', '2026-12-31', CITY);
    const before = await footprint();
    const second = await jobs.run('YEAR_END', '2026-12-31', CITY);
    expect(second).toMatchObject({ alreadyCompleted: true, job: { id: first.job.id, suspended: 5 } });
    expect(await footprint()).toEqual(before);
  });

  it('E13: a person the database refuses is rolled back alone and recorded; the rest of the run goes on', async () => {
    const lapsed = [];
    for (let i = 0; i < 5; i++) lapsed.push(await withRelation({}));
    const [broken, ...others] = lapsed;
    h.clock.date = '2027-01-01';
    // A real refusal by the database for one person: a trigger, as a damaged record would cause in production.
    const ds = h.service.runtime.dataSource;
    await ds.query(`
      CREATE OR REPLACE FUNCTION test_refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.person_id = '${broken!.personId}' THEN RAISE EXCEPTION 'damaged record'; END IF;
        RETURN NEW;
      END $$`);
    await ds.query(
      'CREATE TRIGGER test_refuse_one BEFORE UPDATE ON insurance_relation FOR EACH ROW EXECUTE FUNCTION test_refuse_one()',
    );
    try {
      const { job } = await jobs.run('YEAR_END', '2026-12-31', CITY);
      expect(job).toMatchObject({ status: 'COMPLETED', total: 5, done: 5, suspended: 4, failed: 1 });
      await expectSuspendedOnce(job, 'E13', others);
      expect(await statusOf(broken!.relationId)).toMatchObject({ status: 'ACTIVE' });
      expect(await suspendedEvents(broken!.personId)).toEqual([]); // its event rolled back with it
      expect(await jobs.runner.failures(job.id)).toEqual([
        expect.objectContaining({ personId: broken!.personId, error: expect.stringContaining('damaged record') }),
      ]);
    } finally {
      await ds.query('DROP TRIGGER test_refuse_one ON insurance_relation');
      await ds.query('DROP FUNCTION test_refuse_one');
    }
  });

  it('E13: a crash mid-run resumes after the cursor; every resident is processed exactly once', async () => {
    const lapsed = [];
    for (let i = 0; i < 5; i++) lapsed.push(await withRelation({}));
    h.clock.date = '2026-12-31';
    await crashAndResume('YEAR_END', '2026-12-31', 'E13', lapsed);
  });

  it('E13: a run left RUNNING by a dead process is resumed by the next start, in the background', async () => {
    const lapsed: Array<{ personId: string; relationId: string }> = [];
    for (let i = 0; i < 5; i++) lapsed.push(await withRelation({}));
    h.clock.date = '2026-12-31';
    const crashed = await jobs.run('YEAR_END', '2026-12-31', CITY, {
      beforePerson: (personId) => {
        if (personId === [...lapsed].map((l) => l.personId).sort()[2]) throw new Error('kill -9');
      },
    });
    // The process died before it could record the failure: the row still says RUNNING, 2 done.
    await h.service.runtime.dataSource.query(
      "UPDATE batch_job SET status = 'RUNNING', error = NULL, finished_at = NULL WHERE id = $1",
      [crashed.job.id],
    );
    const started = await jobs.start('YEAR_END', '2026-12-31', CITY);
    expect(started).toMatchObject({ id: crashed.job.id, status: 'RUNNING', done: 2, total: 5 });
    await jobs.idle();
    const [row] = await h.service.runtime.dataSource.query('SELECT status, done, total, suspended FROM batch_job');
    expect(row).toEqual({ status: 'COMPLETED', done: 5, total: 5, suspended: 5 });
    await expectSuspendedOnce(crashed.job, 'E13', lapsed);
  });

  it('E13: the year-end run date must be 31 December and must have come (BAD_USER_INPUT before anything runs)', async () => {
    await withRelation({});
    h.clock.date = '2026-12-31';
    for (const [runDate, en] of [
      ['2026-12-30', '31 December'],
      ['2027-12-31', 'has not come yet'],
      ['2026-13-31', 'YYYY-MM-DD'],
    ]) {
      const error = await jobs.run('YEAR_END', runDate!, CITY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnrollmentError);
      expect(error).toMatchObject({ code: EnrollmentErrorCode.INVALID_INPUT, details: { field: 'runDate' } });
      expect((error as EnrollmentError).reason.en).toContain(en);
    }
    expect(await h.count('batch_job')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// E13 — the chunk path: a chunk's snapshots loaded together, its suspensions written in bulk

describe('E13 — year-end batch, chunks of several persons', () => {
  /** Three persons per chunk: the bulk path, and its fall-back to one person at a time, with more than one person. */
  let chunked: BatchJobs;
  beforeAll(() => {
    chunked = createBatchJobs(h.service.runtime, { chunkSize: 3 });
  });
  afterAll(async () => {
    await chunked?.stop();
  });

  const ds = () => h.service.runtime.dataSource;
  const byId = (a: { personId: string }, b: { personId: string }) => (a.personId < b.personId ? -1 : 1);

  async function lapsedResidents(n: number) {
    const lapsed = [];
    for (let i = 0; i < n; i++) lapsed.push(await withRelation({}));
    h.clock.date = '2026-12-31';
    return lapsed.sort(byId);
  }

  /** Counts the statements (not rows) that write relations, history and outbox rows, with statement triggers. */
  async function countStatements<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; statements: Record<string, number> }> {
    await ds().query('CREATE TABLE test_statement (tbl text NOT NULL, op text NOT NULL)');
    await ds().query(`
      CREATE FUNCTION test_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_statement VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
    const watched = [
      ['insurance_relation', 'UPDATE'],
      ['relation_history', 'INSERT'],
      ['outbox', 'INSERT'],
    ];
    for (const [table, op] of watched) {
      await ds().query(
        `CREATE TRIGGER test_count_statement AFTER ${op} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement()`,
      );
    }
    try {
      const result = await work();
      const rows: Array<{ tbl: string; op: string; n: number }> = await ds().query(
        'SELECT tbl, op, count(*)::int AS n FROM test_statement GROUP BY tbl, op',
      );
      return { result, statements: Object.fromEntries(rows.map((r) => [`${r.op} ${r.tbl}`, r.n])) };
    } finally {
      for (const [table] of watched) await ds().query(`DROP TRIGGER test_count_statement ON ${table}`);
      await ds().query('DROP FUNCTION test_count_statement');
      await ds().query('DROP TABLE test_statement');
    }
  }

  /** An event's data without what names the person, the relation and the moment: what both paths must agree on. */
  function shape(data: Record<string, unknown>) {
    const relation = data.relation as Record<string, unknown>;
    return { ...data, relation: { ...relation, relationId: '-', personId: '-' }, changedAt: '-' };
  }

  it('E13: each chunk is written with one UPDATE of its relations, one INSERT of history rows and one of events', async () => {
    const payer = await withRelation({});
    const lapsed = await lapsedResidents(6);
    h.clock.date = '2026-10-15';
    await h.app.contributions.record(
      {
        personId: payer.personId,
        scheme: 'RESIDENT',
        employeeCategory: null,
        year: 2027,
        kind: 'NORMAL',
        amountFen: 38000,
        paidOn: '2026-10-15',
      },
      CITY,
    );
    h.clock.date = '2026-12-31';
    const progress: Array<[number, number, number]> = [];
    const { result, statements } = await countStatements(() =>
      chunked.run('YEAR_END', '2026-12-31', CITY, {
        onProgress: (j) => progress.push([j.done, j.total, j.suspended]),
      }),
    );
    // 7 persons in chunks of 3: three chunks, the payer spared by the domain's selector in one of them
    expect(result.job).toMatchObject({ status: 'COMPLETED', total: 7, done: 7, suspended: 6, failed: 0 });
    expect(progress.map(([done, total]) => [done, total])).toEqual([
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    const chunksWithSuspensions = progress.filter(([, , n], i) => n > (progress[i - 1]?.[2] ?? 0)).length;
    expect(statements).toEqual({
      'UPDATE insurance_relation': chunksWithSuspensions,
      'INSERT relation_history': chunksWithSuspensions,
      'INSERT outbox': chunksWithSuspensions,
    });
    await expectSuspendedOnce(result.job, 'E13', lapsed);
    expect(await statusOf(payer.relationId)).toMatchObject({ status: 'ACTIVE' });
    // the optimistic version moves once per change, as a save of the row does
    const versions: Array<{ version: number }> = await ds().query(
      'SELECT version FROM insurance_relation WHERE id = ANY($1::uuid[])',
      [lapsed.map((l) => l.relationId)],
    );
    expect(versions.map((v) => v.version)).toEqual(lapsed.map(() => 2));
  });

  it('E13: one person refused in a chunk of three fails alone; the other persons of its chunk are suspended, their events once, with the same payload as the bulk path', async () => {
    const lapsed = await lapsedResidents(6);
    const broken = lapsed[1]!; // in the first chunk, between two others
    await ds().query(`
      CREATE OR REPLACE FUNCTION test_refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.person_id = '${broken.personId}' THEN RAISE EXCEPTION 'damaged record'; END IF;
        RETURN NEW;
      END $$`);
    await ds().query(
      'CREATE TRIGGER test_refuse_one BEFORE UPDATE ON insurance_relation FOR EACH ROW EXECUTE FUNCTION test_refuse_one()',
    );
    try {
      const { job } = await chunked.run('YEAR_END', '2026-12-31', CITY);
      expect(job).toMatchObject({ status: 'COMPLETED', total: 6, done: 6, suspended: 5, failed: 1 });
      const others = lapsed.filter((l) => l !== broken);
      await expectSuspendedOnce(job, 'E13', others);
      expect(await statusOf(broken.relationId)).toMatchObject({ status: 'ACTIVE' });
      expect(await suspendedEvents(broken.personId)).toEqual([]);
      expect(await h.count('relation_history', 'relation_id = $1', [broken.relationId])).toBe(1); // registration only
      expect(await chunked.runner.failures(job.id)).toEqual([
        expect.objectContaining({ personId: broken.personId, error: expect.stringContaining('damaged record') }),
      ]);
      // persons 1 and 3 went one by one (first chunk), persons 4–6 in bulk (second chunk): the same event
      const oneByOne = (await suspendedEvents(lapsed[0]!.personId))[0]!.data;
      const bulk = (await suspendedEvents(lapsed[4]!.personId))[0]!.data;
      expect(shape(bulk)).toEqual(shape(oneByOne));
      expect(Object.keys(bulk)).toEqual(Object.keys(oneByOne));
      expect(bulk).toMatchObject({ batchJobId: job.id, coveredUntil: null, channel: null, consentId: null });
    } finally {
      await ds().query('DROP TRIGGER test_refuse_one ON insurance_relation');
      await ds().query('DROP FUNCTION test_refuse_one');
    }
  });

  it('E13: a crash in the middle of a chunk of three rolls the chunk back; the resumed run processes every person once, counts exact', async () => {
    const lapsed = await lapsedResidents(8);
    const fifth = lapsed[4]!.personId; // second chunk of three
    const crashed = await chunked.run('YEAR_END', '2026-12-31', CITY, {
      beforePerson: (personId) => {
        if (personId === fifth) throw new Error('simulated crash');
      },
    });
    expect(crashed.job).toMatchObject({
      status: 'FAILED',
      total: 8,
      done: 3,
      suspended: 3,
      failed: 0,
      cursor: lapsed[2]!.personId,
    });
    expect(await batchHistory(crashed.job.id)).toEqual(new Map(lapsed.slice(0, 3).map((l) => [l.relationId, 1])));
    for (const l of lapsed.slice(3)) {
      expect(await statusOf(l.relationId)).toMatchObject({ status: 'ACTIVE' }); // rolled back with its chunk
      expect(await suspendedEvents(l.personId)).toEqual([]);
    }

    const seen: string[] = [];
    const resumed = await chunked.run('YEAR_END', '2026-12-31', CITY, { beforePerson: (p) => void seen.push(p) });
    expect(resumed.resumed).toBe(true);
    expect(seen).toEqual(lapsed.slice(3).map((l) => l.personId));
    expect(resumed.job).toMatchObject({ status: 'COMPLETED', total: 8, done: 8, suspended: 8, failed: 0 });
    await expectSuspendedOnce(resumed.job, 'E13', lapsed);
    expect(await h.count('outbox', "topic = 'relation-suspended'")).toBe(8);
  });

  it('E13: two runners of one job take turns chunk by chunk; every person is processed once', async () => {
    const lapsed = await lapsedResidents(10);
    const other = createBatchJobs(h.service.runtime, { chunkSize: 3 });
    try {
      const { job } = await chunked.runner.claim('YEAR_END', '2026-12-31', CITY);
      const [a, b] = await Promise.all([chunked.runner.process(job.id, CITY), other.runner.process(job.id, CITY)]);
      for (const end of [a, b]) expect(end).toMatchObject({ status: 'COMPLETED', done: 10, suspended: 10 });
      await expectSuspendedOnce(a, 'E13', lapsed);
    } finally {
      await other.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// E14

describe('E14 — newborn month-end batch', () => {
  const MONTH_END = '2026-07-31';

  async function newbornScenario() {
    h.clock.date = '2026-07-01';
    const overdue = [await newborn('2026-01-10'), await newborn(addDays(MONTH_END, -181))];
    const stay = [
      await newborn(addDays(MONTH_END, -180)), // exactly 180 days: not more than 180
      await newborn('2026-05-01'), // young
      await newborn('2026-01-10', true), // has a resident ID
    ];
    h.clock.date = MONTH_END;
    return { overdue, stay };
  }

  it('E14: the month-end batch suspends newborns more than 180 days old without an ID number, one relation-suspended each', async () => {
    const { overdue, stay } = await newbornScenario();
    const { job, progress } = await runWithProgress('NEWBORN_MONTH_END', MONTH_END);
    // Candidates: babies on a birth certificate born before the run date; the domain counts the 180 days.
    expect(job).toMatchObject({ kind: 'NEWBORN_MONTH_END', status: 'COMPLETED', total: 4, done: 4, suspended: 2 });
    expect(progress).toEqual([
      [2, 4],
      [4, 4],
    ]);
    await expectSuspendedOnce(job, 'E14', overdue);
    for (const s of stay) {
      expect(await statusOf(s.relationId)).toMatchObject({ status: 'ACTIVE' });
      expect(await suspendedEvents(s.personId)).toEqual([]);
    }
  });

  it('E14: recording the ID number after the batch resumes the relation (relation-resumed); later batches leave it', async () => {
    const { overdue } = await newbornScenario();
    await jobs.run('NEWBORN_MONTH_END', MONTH_END, CITY);
    const baby = overdue[0]!;
    h.clock.date = '2026-08-05';
    const { resumed, warnings } = await h.app.relations.recordNewbornId(
      baby.personId,
      residentId('20260110', '120104', 77),
      CITY,
    );
    expect(warnings).toEqual([]);
    expect(resumed.map((r) => r.id)).toEqual([baby.relationId]);
    expect(await statusOf(baby.relationId)).toEqual({ status: 'ACTIVE', suspensionRule: null, endDate: null });
    const events = await h.eventsOf(baby.personId);
    expect(events.map((e) => e.topic).slice(-3)).toEqual(['relation-suspended', 'person-updated', 'relation-resumed']);
    // integrators learn the new identity: the birth certificate gives way to the resident ID
    expect(events.at(-2)?.data).toMatchObject({
      personId: baby.personId,
      idType: 'RESIDENT_ID',
      idNumber: residentId('20260110', '120104', 77),
      previous: { idType: 'BIRTH_CERTIFICATE' },
      cause: 'E14',
    });
    expect(events.at(-1)?.data).toMatchObject({ cause: 'E14', previousStatus: 'SUSPENDED' });

    // The July run stays done; August's run no longer selects the baby, who now has an ID.
    expect((await jobs.run('NEWBORN_MONTH_END', MONTH_END, CITY)).alreadyCompleted).toBe(true);
    h.clock.date = '2026-08-31';
    const august = await jobs.run('NEWBORN_MONTH_END', '2026-08-31', CITY);
    // Only the baby who was exactly 180 days old at the end of July is overdue now.
    expect(august.job).toMatchObject({ status: 'COMPLETED', suspended: 1 });
    expect(await statusOf(baby.relationId)).toMatchObject({ status: 'ACTIVE' });
    expect(await suspendedEvents(baby.personId)).toHaveLength(1);
  });

  it('E14: a second month-end run changes nothing', async () => {
    await newbornScenario();
    const first = await jobs.run('NEWBORN_MONTH_END', MONTH_END, CITY);
    const before = await footprint();
    const second = await jobs.run('NEWBORN_MONTH_END', MONTH_END, CITY);
    expect(second).toMatchObject({ alreadyCompleted: true, job: { id: first.job.id, suspended: 2 } });
    expect(await footprint()).toEqual(before);
  });

  it('E14: a crash mid-run resumes after the cursor; every newborn is processed exactly once', async () => {
    h.clock.date = '2026-07-01';
    const overdue = [];
    for (let i = 0; i < 5; i++) overdue.push(await newborn('2026-01-10'));
    h.clock.date = MONTH_END;
    await crashAndResume('NEWBORN_MONTH_END', MONTH_END, 'E14', overdue);
  });

  it('E14: the newborn batch runs on a month end only', async () => {
    h.clock.date = MONTH_END;
    await expect(jobs.run('NEWBORN_MONTH_END', '2026-07-30', CITY)).rejects.toMatchObject({
      code: EnrollmentErrorCode.INVALID_INPUT,
      details: { field: 'runDate' },
    });
    expect(await h.count('batch_job')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GraphQL and CLI

describe('E12–E14 — startBatchJob, batchJob(s) and the job CLI', () => {
  const schema = enrollment.schema();
  const JOB =
    'id kind rule runDate status suspended error startedBy startedAt finishedAt progress { done total percent }';

  async function gql(source: string, variableValues: Record<string, unknown>, identity: Identity = CITY) {
    const logger = createLogger('test', 'silent');
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: { identity, logger, correlationId: 'test', app: { ...h.app, jobs } },
    });
    return JSON.parse(JSON.stringify(result)) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
  }

  it('E12: startBatchJob returns at once with RUNNING, batchJob reports progress; starting again returns the completed run', async () => {
    for (let i = 0; i < 3; i++) await student('UNIVERSITY', '2026-06-30');
    h.clock.date = '2026-07-01';
    const start = `mutation($kind: BatchJobKind!, $runDate: Date!) { startBatchJob(kind: $kind, runDate: $runDate) { ${JOB} } }`;
    const started = await gql(start, { kind: 'GRADUATION', runDate: '2026-07-01' });
    expect(started.errors).toBeUndefined();
    const job = started.data?.startBatchJob as Record<string, unknown>;
    expect(job).toMatchObject({
      kind: 'GRADUATION',
      rule: 'E12',
      runDate: '2026-07-01',
      status: 'RUNNING',
      startedBy: CITY.subject,
    });
    expect(job.progress).toEqual({ done: 0, total: 3, percent: 0 });
    await jobs.idle();

    const read = await gql(`query($id: ID!) { batchJob(id: $id) { ${JOB} } }`, { id: job.id });
    expect(read.data?.batchJob).toMatchObject({
      status: 'COMPLETED',
      suspended: 3,
      error: null,
      progress: { done: 3, total: 3, percent: 100 },
    });
    expect((read.data?.batchJob as { finishedAt: string }).finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const again = await gql(start, { kind: 'GRADUATION', runDate: '2026-07-01' });
    expect(again.data?.startBatchJob).toMatchObject({ id: job.id, status: 'COMPLETED', suspended: 3 });
    expect(await h.count('relation_history', "cause = 'E12'")).toBe(3);

    const list = await gql(`{ batchJobs(first: 10) { id status } }`, {});
    expect(list.data?.batchJobs).toEqual([{ id: job.id, status: 'COMPLETED' }]);
    expect((await gql(`{ batchJob(id: "nope") { id } }`, {})).data?.batchJob).toBeNull();
  });

  it('E13: startBatchJob refuses a bad run date with BAD_USER_INPUT, and anyone but staff with FORBIDDEN', async () => {
    h.clock.date = '2026-12-31';
    const start = `mutation($kind: BatchJobKind!, $runDate: Date!) { startBatchJob(kind: $kind, runDate: $runDate) { id } }`;
    const notYearEnd = await gql(start, { kind: 'YEAR_END', runDate: '2026-06-30' });
    expect(notYearEnd.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'runDate' }],
    });
    const notADate = await gql(start, { kind: 'YEAR_END', runDate: '2026-02-30' });
    expect(notADate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const person = await gql(start, { kind: 'YEAR_END', runDate: '2025-12-31' }, { subject: 'p', role: 'PERSON' });
    expect(person.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(`{ batchJobs(first: 0) { id } }`, {})).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await h.count('batch_job')).toBe(0);
  });

  it('E12: the job CLI runs the batch with its summary, reports a second run as unchanged, and refuses bad input', async () => {
    const graduates = [];
    for (let i = 0; i < 3; i++) graduates.push(await student('UNIVERSITY', '2026-06-30'));
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const sink = (add: (s: string) => void) =>
        new Writable({
          write(chunk, _enc, done) {
            add(String(chunk));
            done();
          },
        });
      const code = await runJobCli(argv, {
        env: { DATABASE_URL: testDatabaseUrl('enrollment'), KAFKA_BROKERS, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50' },
        stdout: sink((s) => (out += s)),
        stderr: sink((s) => (err += s)),
        clock: fixedClock('2026-07-01'),
      });
      return { code, out, err };
    };

    const run = await cli('graduation', '--date', '2026-07-01', '--chunk', '2', '--by', 'ops-night');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/graduation 2026-07-01 \(E12\): COMPLETED — 3\/3 persons, 3 relations suspended, [\d.]+ s/);
    for (const g of graduates) expect(await statusOf(g.relationId)).toMatchObject({ status: 'SUSPENDED' });
    expect(
      await h.count('relation_history', "cause = 'E12' AND actor_subject = 'ops-night' AND actor_role = 'SYSTEM'"),
    ).toBe(3);
    await expect(h.count('outbox', "topic = 'relation-suspended' AND sent_at IS NULL")).resolves.toBe(0);

    const second = await cli('graduation', '--date', '2026-07-01');
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing changed');

    expect((await cli('year-end', '--date', '2026-06-30')).code).toBe(2);
    expect((await cli('christmas', '--date', '2026-12-25')).code).toBe(2);
    expect((await cli('newborn')).err).toContain('--date YYYY-MM-DD is required');
  });
});
