import { eventually, residentId } from '@yibao/test-kit';
import { useScenario } from './support';

/**
 * A household resident who misses the payment for next year, is suspended on 31 December (E13), is told (N3) and
 * enrolls again in January with a waiting period (B7): end to end through the gateway and Kafka (issue 10).
 */
describe('scenario: a household resident who misses the payment and re-enrolls', () => {
  const s = useScenario('2026-03-02');

  it('E13, N3, B7: a household resident who does not pay for next year is suspended on 31 December, is told (N3), and re-enrolls with a waiting period (B7)', async () => {
    s.clock.date = '2026-03-02';
    const probe = await s.probe(['relation-suspended', 'relation-registered']);
    try {
      const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        {
          input: {
            idNumber: residentId('19700512', '120104', 377),
            name: '孙大妈',
            mobile: '13920005678',
            householdRegion: '120104',
          },
        },
      );
      const personId = registerPerson.id;
      const register = `mutation ($input: RegisterRelationInput!) {
        registerRelation(input: $input) { relation { id status periodYear } } }`;
      const household = {
        personId,
        scheme: 'RESIDENT',
        residentCategory: 'HOUSEHOLD',
        regionCode: '120104',
        unitCode: 'HH120104001',
        unitName: '南开区家庭虚拟户',
      };
      const first = await s.call<{ registerRelation: { relation: { id: string; status: string } } }>(register, {
        input: { ...household, startDate: '2026-01-01' },
      });
      expect(first.registerRelation.relation.status).toBe('ACTIVE');

      // She pays nothing in the centralised period for 2027 (1 September – 31 December 2026). On 1 January the city
      // centre runs the year-end batch for 31 December.
      s.clock.date = '2027-01-01';
      const started = await s.call<{ startBatchJob: { id: string } }>(
        'mutation { startBatchJob(kind: YEAR_END, runDate: "2026-12-31") { id } }',
      );
      const job = await eventually(
        async () => {
          const d = await s.call<{ batchJob: { status: string; suspended: number; failed: number } }>(
            'query ($id: ID!) { batchJob(id: $id) { status suspended failed } }',
            { id: started.startBatchJob.id },
          );
          return d.batchJob.status === 'COMPLETED' ? d.batchJob : undefined;
        },
        30_000,
        'the year-end batch completed',
        200,
      );
      expect(job.failed).toBe(0);
      expect(job.suspended).toBeGreaterThanOrEqual(1);

      // Kafka: one relation-suspended for her relation, caused by E13
      const suspended = await probe.waitFor((e) => e.subject === personId && e.type.endsWith('relation-suspended'));
      expect(suspended.data).toMatchObject({
        cause: 'E13',
        relation: { relationId: first.registerRelation.relation.id, status: 'SUSPENDED' },
      });

      // the graph: her relation is suspended by E13; she is told in the app and by SMS (N3)
      const view = await eventually(
        async () => {
          const d = await s.call<{
            person: {
              relations: Array<{ id: string; status: string; history: Array<{ cause: string }> }>;
              messages: Array<{ channel: string; rule: string; title: string }>;
            };
          }>(
            `query ($id: ID!) { person(id: $id) {
               relations { id status history { cause } } messages { channel rule title } } }`,
            { id: personId },
          );
          const suspension = d.person.messages.filter((m) => m.rule === 'N3' && m.title === '参保关系已暂停');
          return suspension.some((m) => m.channel === 'IN_APP') ? d.person : undefined;
        },
        30_000,
        'the N3 suspension notices',
      );
      const relation = view.relations.find((r) => r.id === first.registerRelation.relation.id)!;
      expect(relation.status).toBe('SUSPENDED');
      expect(relation.history.map((h) => h.cause)).toEqual(['REGISTRATION', 'E13']);
      // the suspension notice in the app, once (the SMS goes through notification's sender queue, quiet hours
      // included; benefits' change of status is told too, N3)
      const notices = view.messages.filter((m) => m.rule === 'N3' && m.title === '参保关系已暂停');
      expect(notices.filter((m) => m.channel === 'IN_APP')).toHaveLength(1);

      // She comes to the counter in January and enrolls again for 2027.
      s.clock.date = '2027-01-10';
      const again = await s.call<{
        registerRelation: { relation: { id: string; status: string; periodYear: number } };
      }>(register, {
        input: { ...household, startDate: '2027-01-10' },
      });
      expect(again.registerRelation.relation).toMatchObject({ status: 'ACTIVE', periodYear: 2027 });
      // Benefits (B7, from relation-registered on Kafka): a relation outside the centralised period gets a waiting
      // period, answered in the same federated person.
      const waiting = await eventually(
        async () => {
          const d = await s.call<{ person: { waitingPeriods: Array<{ relationId: string; rule: string }> } }>(
            'query ($id: ID!) { person(id: $id) { waitingPeriods { relationId rule } } }',
            { id: personId },
          );
          return d.person.waitingPeriods.find((w) => w.relationId === again.registerRelation.relation.id);
        },
        30_000,
        'the waiting period of the new relation',
      );
      expect(waiting.rule).toBe('B7');
      await probe.waitFor(
        (e) =>
          e.subject === personId &&
          e.type.endsWith('relation-registered') &&
          (e.data as { relation?: { periodYear?: number } }).relation?.periodYear === 2027,
      );
    } finally {
      await probe.stop();
    }
  });
});
