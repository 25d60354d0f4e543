import { creditCodeCheckCharacter } from '@yibao/shared';
import { INTEGRATOR, employerIdentity, eventually, personIdentity, residentId } from '@yibao/test-kit';
import { useScenario } from './support';

/**
 * A flexible worker (灵活就业) insured in Tianjin who is hired by an employer (E9; issue 10), end to end through the
 * gateway and Kafka. The linking notice 三（六）: 「按灵活就业身份参加职工医保的参保人，因再次就业参加单位职工医保时，信息系统同步暂停
 * 灵活就业职工医保参保关系，实现即参即停；按灵活就业身份预缴当年度职工医保费的，应先办理预缴费退费手续后方可参加单位职工医保参保登记手续。」
 */

const REGISTER = `mutation ($input: RegisterRelationInput!) { registerRelation(input: $input) {
  relation { id status startDate } suspended { id status endDate suspensionRule } } }`;
interface Registered {
  registerRelation: {
    relation: { id: string; status: string; startDate: string };
    suspended: Array<{ id: string; status: string; endDate: string; suspensionRule: string }>;
  };
}

const PERSON = `query ($id: ID!, $on: Date, $until: Date) { person(id: $id) {
  relations { id employeeCategory status startDate endDate suspensionRule
    history { cause toStatus effectiveDate coveredUntil } }
  messages { channel rule template }
  waitingPeriods { relationId rule coveredFrom waitingMonths }
  benefitStatus(on: $on) { status rule relationId }
  coverageLedger(until: $until) { month covered schemes } } }`;
interface PersonView {
  relations: Array<{
    id: string;
    employeeCategory: string;
    status: string;
    startDate: string;
    endDate: string | null;
    suspensionRule: string | null;
    history: Array<{ cause: string; toStatus: string; effectiveDate: string; coveredUntil: string | null }>;
  }>;
  messages: Array<{ channel: string; rule: string; template: string }>;
  waitingPeriods: Array<{ relationId: string; rule: string; coveredFrom: string; waitingMonths: number }>;
  benefitStatus: { status: string; rule: string; relationId: string | null };
  coverageLedger: Array<{ month: string; covered: boolean; schemes: string[] }>;
}

/** 天津津南区 employer (统一社会信用代码 with its check character). */
const EMPLOYER = (() => {
  const first17 = '91120112MA06J7R2X';
  return {
    creditCode: first17 + creditCodeCheckCharacter(first17),
    name: '天津津南精密制造有限公司',
    district: '120112',
  };
})();

describe('scenario: a flexible worker insured in Tianjin who is hired by an employer', () => {
  const s = useScenario('2026-02-02');

  it('E9, N2, B1, B4: the employer’s registration waits for the refund of this year’s flexible prepayment, then suspends the flexible relation at once; one relation covers each day, every month counts once', async () => {
    s.clock.at('2026-02-02', '10:00');
    const probe = await s.probe(['relation-suspended', 'relation-registered']);
    try {
      const mobile = '13920007201';
      const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        {
          input: { idNumber: residentId('19860923', '120102', 721), name: '赵建国', mobile, householdRegion: '120102' },
        },
      );
      const personId = registerPerson.id;

      // He insures himself as a flexible worker (灵活就业) in Hedong and prepays 2026 (预缴) through the tax authority.
      const flexible = await s.call<Registered>(
        REGISTER,
        {
          input: {
            personId,
            scheme: 'EMPLOYEE',
            employeeCategory: 'FLEXIBLE',
            regionCode: '120102',
            unitCode: 'FLEX120102',
            unitName: '河东区灵活就业人员',
            startDate: '2026-02-02',
          },
        },
        personIdentity(personId),
      );
      const flexibleId = flexible.registerRelation.relation.id;
      expect(flexible.registerRelation.relation.status).toBe('ACTIVE');
      // benefits answers (B1: employee benefits from the start) and he is told, before the scenario's clock moves on
      const first = await eventually(
        async () => {
          const d = await s.call<{ person: PersonView }>(PERSON, { id: personId, on: '2026-02-02' });
          return d.person.waitingPeriods.some((w) => w.relationId === flexibleId) &&
            d.person.messages.some((m) => m.template === 'waiting-period-assigned:IN_APP')
            ? d.person
            : undefined;
        },
        30_000,
        'benefits answered for the flexible relation',
      );
      expect(first.waitingPeriods).toEqual([
        expect.objectContaining({ relationId: flexibleId, rule: 'B1', coveredFrom: '2026-02-02', waitingMonths: 0 }),
      ]);
      s.clock.at('2026-02-10', '10:00');
      const { recordContribution } = await s.call<{ recordContribution: { id: string } }>(
        'mutation ($input: RecordContributionInput!) { recordContribution(input: $input) { id } }',
        {
          input: {
            personId,
            scheme: 'EMPLOYEE',
            employeeCategory: 'FLEXIBLE',
            year: 2026,
            kind: 'PREPAYMENT',
            amountFen: 550_000,
            paidOn: '2026-02-10',
          },
        },
        INTEGRATOR,
      );

      // 3 August: a Jinnan employer hires him. This year's flexible prepayment is not refunded: refused (E9), and
      // nothing is written.
      await s.call('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
        input: EMPLOYER,
      });
      const staff = (startDate: string) => ({
        personId,
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        regionCode: '120112',
        unitCode: EMPLOYER.creditCode,
        unitName: EMPLOYER.name,
        startDate,
      });
      s.clock.at('2026-08-03', '09:30');
      const [refusal] = await s.refused(
        REGISTER,
        { input: staff('2026-08-03') },
        employerIdentity(EMPLOYER.creditCode),
      );
      expect(refusal!.extensions).toMatchObject({
        code: 'RULE_REFUSED',
        rule: 'E9',
        reason: { zh: expect.stringContaining('预缴'), en: expect.any(String) },
        nextStep: { zh: expect.stringContaining('退费'), en: expect.any(String) },
      });
      const refusedView = await s.call<{ person: PersonView }>(PERSON, { id: personId, on: '2026-08-03' });
      expect(refusedView.person.relations.map((r) => [r.id, r.status, r.history.map((h) => h.cause)])).toEqual([
        [flexibleId, 'ACTIVE', ['REGISTRATION']],
      ]);

      // 5 August: the tax authority records the refund; 6 August the employer registers him again: 即参即停 (E9)
      s.clock.at('2026-08-05', '15:00');
      await s.call(
        'mutation ($id: ID!) { recordRefund(contributionId: $id, refundedOn: "2026-08-05") { refundedOn } }',
        { id: recordContribution.id },
        INTEGRATOR,
      );
      s.clock.at('2026-08-06', '09:30');
      const hired = await s.call<Registered>(
        REGISTER,
        { input: staff('2026-08-06') },
        employerIdentity(EMPLOYER.creditCode),
      );
      const jobId = hired.registerRelation.relation.id;
      expect(hired.registerRelation).toMatchObject({
        relation: { status: 'ACTIVE', startDate: '2026-08-06' },
        suspended: [{ id: flexibleId, status: 'SUSPENDED', endDate: '2026-08-06', suspensionRule: 'E9' }],
      });

      // Kafka: the flexible relation suspended by E9 (employee coverage to the month end, E3), the job registered
      const suspended = await probe.waitFor((e) => e.subject === personId && e.type.endsWith('relation-suspended'));
      expect(suspended.data).toMatchObject({
        cause: 'E9',
        previousStatus: 'ACTIVE',
        effectiveDate: '2026-08-06',
        coveredUntil: '2026-08-31',
        relation: { relationId: flexibleId, employeeCategory: 'FLEXIBLE', status: 'SUSPENDED' },
      });
      const registered = await probe.waitFor(
        (e) =>
          e.type.endsWith('relation-registered') &&
          (e.data as { relation: { relationId: string } }).relation.relationId === jobId,
      );
      expect(registered.data).toMatchObject({
        relation: {
          personId,
          scheme: 'EMPLOYEE',
          employeeCategory: 'EMPLOYER_STAFF',
          regionCode: '120112',
          unitCode: EMPLOYER.creditCode,
          startDate: '2026-08-06',
          status: 'ACTIVE',
        },
      });

      // the graph, once benefits and notification have caught up
      const view = await eventually(
        async () => {
          const d = await s.call<{ person: PersonView }>(PERSON, {
            id: personId,
            on: '2026-08-10',
            until: '2026-09-30',
          });
          const p = d.person;
          return p.benefitStatus.relationId === jobId &&
            p.messages.some((m) => m.template === 'relation-suspended:IN_APP') &&
            p.messages.some((m) => m.template === 'contribution-refunded:IN_APP') &&
            p.messages.filter((m) => m.template === 'relation-registered:IN_APP').length === 2
            ? p
            : undefined;
        },
        30_000,
        'benefits and notification caught up with the hiring',
      );
      expect(view.relations.map((r) => [r.id, r.employeeCategory, r.status, r.startDate, r.endDate])).toEqual([
        [flexibleId, 'FLEXIBLE', 'SUSPENDED', '2026-02-02', '2026-08-06'],
        [jobId, 'EMPLOYER_STAFF', 'ACTIVE', '2026-08-06', null],
      ]);
      const flexibleHistory = view.relations[0]!.history;
      expect(flexibleHistory.map((h) => [h.cause, h.toStatus, h.effectiveDate, h.coveredUntil])).toEqual([
        ['REGISTRATION', 'ACTIVE', '2026-02-02', null],
        ['E9', 'SUSPENDED', '2026-08-06', '2026-08-31'],
      ]);
      // benefits: employee benefits from the job's first day (B1, no gap), the job is what covers him in August
      expect(view.waitingPeriods.find((w) => w.relationId === jobId)).toMatchObject({
        rule: 'B1',
        coveredFrom: '2026-08-06',
        waitingMonths: 0,
      });
      expect(view.benefitStatus).toMatchObject({ status: 'COVERED', rule: 'B1', relationId: jobId });
      // nothing double (B4): each month from February to September once, covered by the employee scheme
      expect(view.coverageLedger.map((m) => [m.month, m.covered, m.schemes])).toEqual(
        ['02', '03', '04', '05', '06', '07', '08', '09'].map((mm) => [`2026-${mm}`, true, ['EMPLOYEE']]),
      );

      // messages: every change in the app (N2); none of them is a batch notice or a postal transfer, so no SMS
      const inApp = view.messages.filter((m) => m.channel === 'IN_APP');
      expect(inApp.filter((m) => m.template === 'relation-suspended:IN_APP').map((m) => m.rule)).toEqual(['N2']);
      expect(inApp.filter((m) => m.template === 'relation-registered:IN_APP').map((m) => m.rule)).toEqual(['N2', 'N2']);
      expect(view.messages.filter((m) => m.channel === 'SMS')).toHaveLength(0);
      expect(await s.smsFor(personId)).toHaveLength(0);
      // Kafka: two registrations and one suspension for him, the refused attempt left nothing
      expect(probe.seen((e) => e.subject === personId && e.type.endsWith('relation-registered'))).toHaveLength(2);
      expect(probe.seen((e) => e.subject === personId && e.type.endsWith('relation-suspended'))).toHaveLength(1);
    } finally {
      await probe.stop();
    }
  }, 120_000);
});
