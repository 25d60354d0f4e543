import { eventually, residentId } from '@yibao/test-kit';
import type { SmsSender } from '../../services/notification/src/app/sms-sender';
import { useScenario } from './support';

/**
 * A household resident who misses the payment for next year, is suspended on 31 December (E13), is told (N3) and
 * enrolls again in January with a waiting period (B7): end to end through the gateway and Kafka (issue 10).
 */
describe('scenario: a household resident who misses the payment and re-enrolls', () => {
  const s = useScenario('2026-03-02');

  it('E13, N3, B7: a household resident who does not pay for next year is suspended on 31 December, is told (N3), and re-enrolls with a waiting period (B7)', async () => {
    s.clock.at('2026-03-02', '10:00');
    const mobile = '13920005678';
    const probe = await s.probe(['relation-suspended', 'relation-registered', 'notification-sent']);
    try {
      const { registerPerson } = await s.call<{ registerPerson: { id: string } }>(
        'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
        {
          input: {
            idNumber: residentId('19700512', '120104', 377),
            name: '孙大妈',
            mobile,
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
      const waitingOf = (relationId: string) =>
        eventually(
          async () => {
            const d = await s.call<{
              person: {
                waitingPeriods: Array<{ relationId: string; rule: string; coveredFrom: string; waitingMonths: number }>;
              };
            }>(
              'query ($id: ID!) { person(id: $id) { waitingPeriods { relationId rule coveredFrom waitingMonths } } }',
              {
                id: personId,
              },
            );
            return d.person.waitingPeriods.find((w) => w.relationId === relationId);
          },
          30_000,
          `the waiting period of relation ${relationId}`,
        );
      // Benefits answers when her cover starts (B7: a first enrolment outside the centralised period waits 3 months)
      // and she is told in the app and by SMS (N3), at 10:00 at once. The scenario lets that happen before time moves
      // on: told after the clock's jump, the SMS would meet the quiet hours of whatever night the clock had reached.
      const firstWaiting = await waitingOf(first.registerRelation.relation.id);
      expect(firstWaiting).toMatchObject({ rule: 'B7', waitingMonths: 3 });
      // (by content, not by count: the topics are shared, and another run's benefits consumer answers her events too)
      const firstSms = await eventually(
        async () =>
          (await s.smsFor(personId)).find((b) => b.content!.includes(`自 ${firstWaiting.coveredFrom} 起享受`)),
        30_000,
        'the first waiting-period SMS at the gateway',
      );
      expect(firstSms.content).toContain('因未在集中参保缴费期内参保，待遇等待期为 3 个月');

      // She pays nothing in the centralised period for 2027 (1 September – 31 December 2026). In the night after
      // 31 December (00:30 on 1 January, inside the SMS quiet hours 22:00–08:00) the city centre runs the year-end batch.
      s.clock.at('2027-01-01', '00:30');
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

      // the graph: her relation is suspended by E13; she is told in the app at once (N3)
      type View = {
        person: {
          relations: Array<{ id: string; status: string; history: Array<{ cause: string }> }>;
          messages: Array<{ id: string; channel: string; rule: string; title: string; template: string }>;
        };
      };
      const read = () =>
        s.call<View>(
          `query ($id: ID!) { person(id: $id) {
             relations { id status history { cause } } messages { id channel rule title template } } }`,
          { id: personId },
        );
      const view = await eventually(
        async () => {
          const d = await read();
          return d.person.messages.some((m) => m.rule === 'N3' && m.template === 'relation-suspended:IN_APP')
            ? d.person
            : undefined;
        },
        30_000,
        'the N3 suspension notice in the app',
      );
      const relation = view.relations.find((r) => r.id === first.registerRelation.relation.id)!;
      expect(relation.status).toBe('SUSPENDED');
      expect(relation.history.map((h) => h.cause)).toEqual(['REGISTRATION', 'E13']);
      const inApp = view.messages.filter((m) => m.template === 'relation-suspended:IN_APP');
      expect(inApp).toEqual([expect.objectContaining({ channel: 'IN_APP', rule: 'N3', title: '参保关系已暂停' })]);

      // N3 by SMS too, but a year-end notice is not urgent: at 00:30 it waits in notification's sender queue for the
      // end of quiet hours, 08:00 the same morning, and no round of the sender hands it to the gateway before then.
      const [held] = await eventually(
        async () => {
          const q = (await s.queuedSms(personId)).filter((m) => m.template === 'relation-suspended:SMS');
          return q.length > 0 && q.every((m) => m.delivery === 'QUEUED') ? q : undefined;
        },
        30_000,
        'the suspension SMS in the sender queue',
      );
      expect(held).toMatchObject({ status: 'QUEUED', attempts: 0, notBefore: new Date('2027-01-01T08:00:00+08:00') });
      await (s.stack.services.notification.app as { sender: SmsSender }).sender.drain();
      expect(s.sms.requests.filter((r) => r.body.requestId === held!.messageId)).toHaveLength(0);
      expect(view.messages.filter((m) => m.template === 'relation-suspended:SMS')).toHaveLength(0);

      // 08:00: the sender sends it, once, with the message id as the gateway's idempotency key
      s.clock.at('2027-01-01', '08:00');
      const sent = await eventually(
        async () => (await s.smsFor(personId)).find((b) => b.requestId === held!.messageId),
        30_000,
        'the suspension SMS at the gateway',
      );
      expect(sent).toMatchObject({ requestId: held!.messageId, signName: '天津医保' });
      expect(sent!.content).toContain('集中参保缴费期');
      const smsView = await eventually(
        async () => {
          const d = await read();
          return d.person.messages.some((m) => m.template === 'relation-suspended:SMS') ? d.person : undefined;
        },
        30_000,
        'the suspension SMS among her messages',
      );
      expect(smsView.messages.filter((m) => m.template === 'relation-suspended:SMS')).toEqual([
        expect.objectContaining({ id: held!.messageId, channel: 'SMS', rule: 'N3', title: '参保关系暂停提醒' }),
      ]);
      // Kafka: notification-sent for the SMS, caused by the relation-suspended event, sent at 08:00
      const told = await probe.waitFor(
        (e) => e.type.endsWith('notification-sent') && (e.data as { messageId?: string }).messageId === held!.messageId,
      );
      expect(told.data).toMatchObject({ personId, channel: 'SMS', rule: 'N3', causedBy: suspended.id });
      expect(new Date((told.data as { sentAt: string }).sentAt).getTime()).toBeGreaterThanOrEqual(
        new Date('2027-01-01T08:00:00+08:00').getTime(),
      );

      // She comes to the counter in January and enrolls again for 2027.
      s.clock.at('2027-01-10', '09:30');
      const again = await s.call<{
        registerRelation: { relation: { id: string; status: string; periodYear: number } };
      }>(register, {
        input: { ...household, startDate: '2027-01-10' },
      });
      expect(again.registerRelation.relation).toMatchObject({ status: 'ACTIVE', periodYear: 2027 });
      // Benefits (B7, from relation-registered on Kafka): a relation outside the centralised period gets a waiting
      // period, answered in the same federated person.
      const waiting = await waitingOf(again.registerRelation.relation.id);
      expect(waiting.rule).toBe('B7');
      await probe.waitFor(
        (e) =>
          e.subject === personId &&
          e.type.endsWith('relation-registered') &&
          (e.data as { relation?: { periodYear?: number } }).relation?.periodYear === 2027,
      );

      // The new waiting period is told by SMS too (N3), saying what benefits decided and why (no gap of months: she
      // enrolled outside the period); by then the suspension SMS has still reached the gateway exactly once, and the
      // sender asked for it once. (Waiting-period SMS are found by content, not counted: another run's benefits
      // consumer reads the shared topics and answers her registrations too.)
      const waitingSms = await eventually(
        async () => (await s.smsFor(personId)).find((b) => b.content!.includes(`自 ${waiting.coveredFrom} 起享受`)),
        30_000,
        'the second waiting-period SMS at the gateway',
      );
      expect(waitingSms.content).toContain(`待遇等待期为 ${waiting.waitingMonths} 个月`);
      expect(waitingSms.content).toContain('因未在集中参保缴费期内参保');
      const suspensionSms = (await s.queuedSms(personId)).filter((m) => m.template === 'relation-suspended:SMS');
      expect(suspensionSms.map((m) => [m.messageId, m.delivery, m.attempts])).toEqual([[held!.messageId, 'SENT', 1]]);
      expect((await s.smsFor(personId)).filter((b) => b.requestId === held!.messageId)).toHaveLength(1);
      expect(s.sms.requests.filter((r) => r.body.requestId === held!.messageId)).toHaveLength(1);
      expect(
        probe.seen(
          (e) =>
            e.type.endsWith('notification-sent') && (e.data as { messageId?: string }).messageId === held!.messageId,
        ),
      ).toHaveLength(1);
    } finally {
      await probe.stop();
    }
  }, 120_000);
});
