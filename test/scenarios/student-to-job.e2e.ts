import { creditCodeCheckCharacter } from '@yibao/shared';
import { DISTRICT_STAFF, employerIdentity, eventually, residentId } from '@yibao/test-kit';
import { useScenario } from './support';

/**
 * A university student in Tianjin who graduates and takes a job in Tianjin (E12, E1; issue 10), end to end through
 * the gateway and Kafka. The linking notice: 三（七）2 「对高校学生到期毕业的，可按照剩余学籍年度维护情况在学生毕业时批量暂停参保」
 * (E12) and 一（一）「已参加当年度居民医保再次申请参加职工医保，参保人在办理职工医保参保登记手续时，信息系统同步暂停居民医保参保关系，
 * 实现即参即停」 (E1). Which relation wins between the school relation and the job is E1's: the employee registration
 * suspends the current-year resident relation. E11's order (学校 > 行政村 … > 家庭虚拟户, by school level) ranks
 * resident units against each other only, so it has no say here.
 */

const PERSON = `query ($id: ID!, $on: Date) { person(id: $id) {
  relations { id scheme residentCategory schoolLevel employeeCategory unitCode status startDate endDate suspensionRule
    history { cause toStatus effectiveDate coveredUntil batchJobId } }
  messages { id channel rule template title body }
  waitingPeriods { relationId rule coveredFrom waitingMonths lapsed }
  benefitStatus(on: $on) { status rule relationId } } }`;

interface Relation {
  id: string;
  scheme: string;
  status: string;
  startDate: string;
  endDate: string | null;
  suspensionRule: string | null;
  history: Array<{
    cause: string;
    toStatus: string;
    effectiveDate: string;
    coveredUntil: string | null;
    batchJobId: string | null;
  }>;
}
interface PersonView {
  relations: Relation[];
  messages: Array<{ id: string; channel: string; rule: string; template: string; title: string; body: string }>;
  waitingPeriods: Array<{
    relationId: string;
    rule: string;
    coveredFrom: string;
    waitingMonths: number;
    lapsed: boolean;
  }>;
  benefitStatus: { status: string; rule: string; relationId: string | null };
}

const REGISTER = `mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) {
  relation { id status startDate } suspended { id status endDate suspensionRule } warnings { rule } } }`;
interface Registered {
  registerRelation: {
    relation: { id: string; status: string; startDate: string };
    suspended: Array<{ id: string; status: string; endDate: string; suspensionRule: string }>;
    warnings: Array<{ rule: string }>;
  };
}

/** 天津滨海新区 employer (统一社会信用代码 with its check character). */
const EMPLOYER = (() => {
  const first17 = '91120116MA07C4KE8';
  return {
    creditCode: first17 + creditCodeCheckCharacter(first17),
    name: '天津海河数据科技有限公司',
    district: '120116',
  };
})();

describe('scenario: a university student in Tianjin who graduates and takes a job in Tianjin', () => {
  const s = useScenario('2025-10-15');
  let employerRegistered = false;

  async function employer(): Promise<void> {
    if (employerRegistered) return;
    await s.call('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
      input: EMPLOYER,
    });
    employerRegistered = true;
  }

  /**
   * A student of a Tianjin university (Nankai district), insured through the school (三（七）2): the district branch
   * registers the school's students for 2026 in the centralised enrolment period (autumn 2025), so no waiting period.
   */
  async function student(serial: number, name: string, mobile: string, expectedGraduation: string) {
    const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      {
        input: {
          idNumber: residentId('20040315', '120104', serial),
          name,
          mobile,
          householdRegion: '120104',
          schoolRegion: '120104',
        },
      },
    );
    const school = await s.call<Registered>(
      REGISTER,
      {
        input: {
          personId: registerPerson.id,
          scheme: 'RESIDENT',
          residentCategory: 'SCHOOL',
          schoolLevel: 'UNIVERSITY',
          expectedGraduation,
          regionCode: '120104',
          unitCode: 'SCH-120104-0007',
          unitName: '天津南开理工大学',
          periodYear: 2026,
          startDate: '2026-01-01',
        },
      },
      DISTRICT_STAFF,
    );
    expect(school.registerRelation.relation.status).toBe('ACTIVE');
    const schoolRelationId = school.registerRelation.relation.id;
    // benefits: enrolled in the centralised period, without a lapse, so covered from 1 January (B7, no waiting); the
    // scenario lets benefits and notification answer before its clock moves on
    const answered = await viewWhen(
      registerPerson.id,
      '2026-01-01',
      (p) =>
        p.waitingPeriods.some((w) => w.relationId === schoolRelationId) &&
        p.messages.some((m) => m.template === 'waiting-period-assigned:IN_APP'),
      'benefits answered for the school relation',
    );
    expect(answered.waitingPeriods).toEqual([
      expect.objectContaining({
        relationId: schoolRelationId,
        rule: 'B7',
        coveredFrom: '2026-01-01',
        waitingMonths: 0,
      }),
    ]);
    return { personId: registerPerson.id, schoolRelationId };
  }

  /** The employer registers its new employee (单位职工) in Binhai, from `startDate`. */
  function hire(personId: string, startDate: string) {
    return s.call<Registered>(
      REGISTER,
      {
        input: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120116',
          unitCode: EMPLOYER.creditCode,
          unitName: EMPLOYER.name,
          startDate,
        },
      },
      employerIdentity(EMPLOYER.creditCode),
    );
  }

  async function graduationBatch(runDate: string): Promise<string> {
    const started = await s.call<{ startBatchJob: { id: string } }>(
      'mutation ($runDate: Date!) { startBatchJob(kind: GRADUATION, runDate: $runDate) { id } }',
      { runDate },
    );
    const job = await eventually(
      async () => {
        const d = await s.call<{ batchJob: { status: string; rule: string; failed: number } }>(
          'query ($id: ID!) { batchJob(id: $id) { status rule failed } }',
          { id: started.startBatchJob.id },
        );
        return d.batchJob.status === 'COMPLETED' ? d.batchJob : undefined;
      },
      30_000,
      'the graduation batch completed',
      200,
    );
    expect(job).toMatchObject({ rule: 'E12', failed: 0 });
    return started.startBatchJob.id;
  }

  const view = (personId: string, on: string) =>
    s.call<{ person: PersonView }>(PERSON, { id: personId, on }).then((d) => d.person);

  /** Reads the person until `ready` holds. */
  const viewWhen = (personId: string, on: string, ready: (p: PersonView) => boolean, what: string) =>
    eventually(
      async () => {
        const p = await view(personId, on);
        return ready(p) ? p : undefined;
      },
      30_000,
      what,
    );

  it('E12, N3, E1, B1: a graduate whose school years ran out is suspended by the graduation batch and told in the app and by SMS; her employer then registers her, with nothing left to suspend', async () => {
    s.clock.at('2025-10-15', '10:00');
    const probe = await s.probe(['relation-suspended', 'relation-registered', 'notification-sent']);
    try {
      await employer();
      const mobile = '13920006101';
      const { personId, schoolRelationId } = await student(611, '李晓雨', mobile, '2026-06-30');

      // 30 June: her school years run out; the city centre runs the graduation batch of the day (E12).
      s.clock.at('2026-06-30', '10:00');
      const jobId = await graduationBatch('2026-06-30');
      const suspended = await probe.waitFor((e) => e.subject === personId && e.type.endsWith('relation-suspended'));
      expect(suspended.data).toMatchObject({
        cause: 'E12',
        previousStatus: 'ACTIVE',
        effectiveDate: '2026-06-30',
        coveredUntil: null,
        batchJobId: jobId,
        relation: { relationId: schoolRelationId, status: 'SUSPENDED', residentCategory: 'SCHOOL' },
      });

      // N3: a batch suspension reaches her in the app and by SMS; at 10:00 the SMS goes at once, once
      const told = await viewWhen(
        personId,
        '2026-06-30',
        (p) => p.messages.some((m) => m.template === 'relation-suspended:SMS'),
        'the N3 graduation notices',
      );
      const school = told.relations.find((r) => r.id === schoolRelationId)!;
      expect(school).toMatchObject({ status: 'SUSPENDED', endDate: '2026-06-30', suspensionRule: 'E12' });
      expect(school.history.map((h) => [h.cause, h.toStatus, h.batchJobId])).toEqual([
        ['REGISTRATION', 'ACTIVE', null],
        ['E12', 'SUSPENDED', jobId],
      ]);
      const notices = told.messages.filter((m) => m.template.startsWith('relation-suspended:'));
      expect(notices.map((m) => [m.channel, m.rule]).sort()).toEqual([
        ['IN_APP', 'N3'],
        ['SMS', 'N3'],
      ]);
      const sms = notices.find((m) => m.channel === 'SMS')!;
      expect(sms.body).toContain('毕业后请及时在就业单位或户籍地参保');
      await eventually(
        async () => (await s.smsFor(personId)).some((b) => b.requestId === sms.id),
        30_000,
        'the graduation SMS at the gateway',
      );
      expect(await s.smsFor(personId)).toEqual([expect.objectContaining({ requestId: sms.id, content: sms.body })]);

      // 15 July: her employer registers her (E1). The school relation is already suspended: nothing to suspend.
      s.clock.at('2026-07-15', '09:00');
      const hired = await hire(personId, '2026-07-15');
      expect(hired.registerRelation).toMatchObject({
        relation: { status: 'ACTIVE', startDate: '2026-07-15' },
        suspended: [],
        warnings: [],
      });
      const jobRelationId = hired.registerRelation.relation.id;
      const registered = await probe.waitFor(
        (e) =>
          e.type.endsWith('relation-registered') &&
          (e.data as { relation: { relationId: string } }).relation.relationId === jobRelationId,
      );
      expect(registered.data).toMatchObject({
        relation: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120116',
          unitCode: EMPLOYER.creditCode,
          startDate: '2026-07-15',
          status: 'ACTIVE',
        },
      });

      // the graph: both relations, one after the other; benefits covers her from the job's first day (B1)
      const after = await viewWhen(
        personId,
        '2026-07-16',
        // (benefits' status and its waiting periods come from one record read in one snapshot: both name the job)
        (p) =>
          p.waitingPeriods.some((w) => w.relationId === jobRelationId) &&
          p.benefitStatus.relationId === jobRelationId &&
          p.messages.some((m) => m.template === 'relation-registered:IN_APP' && m.body.includes('2026-07-15')),
        'benefits and notification caught up with the hiring',
      );
      expect(after.relations.map((r) => [r.id, r.scheme, r.status, r.startDate, r.endDate])).toEqual([
        [schoolRelationId, 'RESIDENT', 'SUSPENDED', '2026-01-01', '2026-06-30'],
        [jobRelationId, 'EMPLOYEE', 'ACTIVE', '2026-07-15', null],
      ]);
      expect(after.waitingPeriods.find((w) => w.relationId === jobRelationId)).toMatchObject({
        rule: 'B1',
        coveredFrom: '2026-07-15',
        waitingMonths: 0,
        lapsed: false,
      });
      expect(after.benefitStatus).toMatchObject({ status: 'COVERED', relationId: jobRelationId });
      // between graduation and the job she had no benefits: the school relation was suspended by E12
      expect((await view(personId, '2026-07-10')).benefitStatus).toMatchObject({
        status: 'SUSPENDED',
        rule: 'E12',
        relationId: schoolRelationId,
      });

      // nothing double: one suspension (E12) on Kafka, one SMS (registrations are told in the app, N2)
      expect(
        probe
          .seen((e) => e.subject === personId && e.type.endsWith('relation-suspended'))
          .map((e) => (e.data as { cause: string }).cause),
      ).toEqual(['E12']);
      expect(after.messages.filter((m) => m.channel === 'SMS')).toHaveLength(1);
      expect(after.messages.filter((m) => m.template === 'relation-registered:IN_APP').map((m) => m.rule)).toEqual([
        'N2',
        'N2',
      ]);
      expect(await s.smsFor(personId)).toHaveLength(1);
    } finally {
      await probe.stop();
    }
  }, 120_000);

  it('E1, E12, N2: a student hired before her school years run out: the employee registration suspends the school relation at once (E1, told in the app), and the graduation batch later leaves it alone', async () => {
    s.clock.at('2025-10-15', '10:00');
    const probe = await s.probe(['relation-suspended', 'relation-registered', 'notification-sent']);
    try {
      await employer();
      const mobile = '13920006102';
      const { personId, schoolRelationId } = await student(612, '王子涵', mobile, '2026-07-10');

      // 1 July, before she graduates, her employer registers her: 即参即停 (E1) in the same transaction
      s.clock.at('2026-07-01', '09:00');
      const hired = await hire(personId, '2026-07-01');
      const jobRelationId = hired.registerRelation.relation.id;
      expect(hired.registerRelation).toMatchObject({
        relation: { status: 'ACTIVE', startDate: '2026-07-01' },
        suspended: [{ id: schoolRelationId, status: 'SUSPENDED', endDate: '2026-07-01', suspensionRule: 'E1' }],
      });
      const e1 = await probe.waitFor((e) => e.subject === personId && e.type.endsWith('relation-suspended'));
      expect(e1.data).toMatchObject({
        cause: 'E1',
        effectiveDate: '2026-07-01',
        coveredUntil: null,
        batchJobId: null,
        relation: { relationId: schoolRelationId, status: 'SUSPENDED' },
      });
      await probe.waitFor(
        (e) =>
          e.type.endsWith('relation-registered') &&
          (e.data as { relation: { relationId: string } }).relation.relationId === jobRelationId,
      );

      // 10 July: her school years run out and the graduation batch of the day runs; her relation is not ACTIVE any
      // more, so the batch does not suspend it again
      s.clock.at('2026-07-10', '10:00');
      await graduationBatch('2026-07-10');
      const after = await viewWhen(
        personId,
        '2026-07-10',
        (p) =>
          p.waitingPeriods.some((w) => w.relationId === jobRelationId) &&
          p.benefitStatus.relationId === jobRelationId &&
          p.messages.some((m) => m.template === 'relation-suspended:IN_APP'),
        'benefits (the job covers her) and notification caught up with the hiring',
      );
      const school = after.relations.find((r) => r.id === schoolRelationId)!;
      expect(school).toMatchObject({ status: 'SUSPENDED', endDate: '2026-07-01', suspensionRule: 'E1' });
      expect(school.history.map((h) => h.cause)).toEqual(['REGISTRATION', 'E1']);
      expect(after.relations.map((r) => [r.id, r.status])).toEqual([
        [schoolRelationId, 'SUSPENDED'],
        [jobRelationId, 'ACTIVE'],
      ]);
      // N2: a suspension by a registration is told in the app; only batch suspensions (N3) go by SMS too
      expect(
        after.messages.filter((m) => m.template.startsWith('relation-suspended:')).map((m) => [m.channel, m.rule]),
      ).toEqual([['IN_APP', 'N2']]);
      expect(after.messages.filter((m) => m.channel === 'SMS')).toHaveLength(0);
      expect(after.waitingPeriods.find((w) => w.relationId === jobRelationId)).toMatchObject({
        rule: 'B1',
        coveredFrom: '2026-07-01',
        waitingMonths: 0,
      });
      expect(after.benefitStatus).toMatchObject({ status: 'COVERED', rule: 'B1', relationId: jobRelationId });
      // the day before the job the school relation covered her: one relation a day, no gap and nothing double
      expect((await view(personId, '2026-06-30')).benefitStatus).toMatchObject({
        status: 'COVERED',
        relationId: schoolRelationId,
      });
      expect(probe.seen((e) => e.subject === personId && e.type.endsWith('relation-suspended'))).toHaveLength(1);
      expect(await s.smsFor(personId)).toHaveLength(0);
    } finally {
      await probe.stop();
    }
  }, 120_000);
});
