import type { CloudEvent, EventName } from '@yibao/shared';
import { envelope } from '@yibao/test-kit';
import {
  BenefitsHarness,
  active,
  contribution,
  newId,
  person,
  registered,
  statusChange,
  suspendedEvent,
  transferFacts,
  transferStatus,
} from './harness';

/**
 * Redelivering any consumed event changes nothing: every topic benefits consumes is published twice on the real Kafka
 * with the same envelope; after the second copy has been handled, the facts, the answers and the outbox are as they
 * were after the first.
 */
describe('redelivery through the real Kafka changes nothing', () => {
  const h = new BenefitsHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const TABLES = [
    'person_fact',
    'relation_fact',
    'relation_change',
    'contribution_fact',
    'transfer_fact',
    'account_entry',
    'benefit_start',
    'benefit_status',
    'outbox',
  ];

  async function snapshot(personId: string) {
    const db = h.service.runtime.dataSource;
    const out: Record<string, unknown> = {};
    for (const t of TABLES) {
      // the outbox as written (the relay's delivery bookkeeping, sent_at and attempts, moves on by itself)
      const sql =
        t === 'outbox'
          ? 'SELECT id, topic, envelope FROM outbox WHERE message_key = $1'
          : `SELECT * FROM ${t} WHERE person_id::text = $1`;
      const rows = await db.query(sql, [personId]);
      out[t] = rows.map((r: Record<string, unknown>) => JSON.stringify(r)).sort();
    }
    return out;
  }

  /**
   * An event of the same topic and the same Kafka key (so the same partition, after the copy) about another person:
   * once it is handled, the copy before it has been handled too.
   */
  async function marker(e: CloudEvent, key: string): Promise<void> {
    const other = newId();
    let json = JSON.stringify(e.data).split(key).join(other);
    for (const id of new Set(
      JSON.stringify(e.data).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [],
    ))
      if (id !== key) json = json.split(id).join(newId());
    const topic = e.type.replace('cn.yibao.', '') as EventName;
    const m = envelope(topic, other, JSON.parse(json) as never, { service: e.source.replace('urn:yibao:', '') });
    await h.publisher.kafka.publish([{ topic, key, value: JSON.stringify(m) }]);
    await h.applied(m.id);
  }

  it('B8 and every consumed topic: the same envelope twice is applied once (inbox), and B8 books a credit once', async () => {
    h.clock.set('2026-07-31');
    const p = newId();
    const baby = active(p, { residentCategory: 'NEWBORN', startDate: '2026-01-10' });
    const t = transferFacts(p);
    const events: Array<CloudEvent> = [
      envelope('person-registered', p, person(p, { birthDate: '2026-01-10' })),
      envelope('person-updated', p, {
        personId: p,
        idType: 'RESIDENT_ID',
        idNumber: '11010519491231002X',
        gender: 'FEMALE',
        birthDate: '2026-01-10',
        previous: { idType: 'BIRTH_CERTIFICATE', idNumber: 'O120000001' },
        cause: 'E14',
        actor: { subject: 'clerk-city', role: 'CITY_STAFF' },
        updatedAt: '2026-07-31T10:00:00+08:00',
      }),
      envelope('relation-registered', p, registered(baby, '2026-01-20')),
      envelope('contribution-recorded', p, contribution(p, { paidOn: '2026-01-20' })),
      envelope('contribution-refunded', p, { ...contribution(p, { paidOn: '2026-01-21' }), refundedOn: '2026-02-01' }),
      envelope('relation-suspended', p, suspendedEvent(baby, 'E14', '2026-07-31')),
      envelope('relation-resumed', p, statusChange(baby, 'SUSPENDED', 'E14', '2026-07-31')),
      envelope(
        'relation-terminated',
        p,
        statusChange({ ...baby, status: 'TERMINATED' }, 'ACTIVE', 'TERMINATION', '2026-07-31'),
      ),
      envelope('transfer-status-changed', p, transferStatus(t, 'ACCEPTED'), { service: 'transfer' }),
      envelope('account-transferred', p, { ...t, amountFen: 88888, on: '2026-07-30' }, { service: 'transfer' }),
    ];
    expect(new Set(events.map((e) => e.type.replace('cn.yibao.', '') as EventName)).size).toBe(10);
    for (const e of events) {
      await h.redeliver(e, p);
      const after = await snapshot(p);
      await h.redeliver(e, p); // already in the inbox: returns at once, so wait for a later marker instead
      await marker(e, p);
      expect(await snapshot(p)).toEqual(after);
    }
    expect(await h.count('inbox', `event_id = ANY($1::uuid[])`, [events.map((e) => e.id)])).toBe(10);
    expect(await h.count('account_entry', 'person_id = $1', [p])).toBe(1);
    // the answers were given once each: one waiting-period-assigned for the newborn's relation
    expect((await h.published(p, 'waiting-period-assigned')).length).toBe(1);
  });
});
