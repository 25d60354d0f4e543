import { randomUUID } from 'node:crypto';
import {
  CITY,
  SHIJIAZHUANG,
  TransferHarness,
  inboundInput,
  relation,
  sheetInput,
  tianjinStaff,
  APPLY,
} from './harness';

/**
 * Bad input gets a clear error and changes nothing: unknown region, destination = source, negative or fractional
 * amounts, a step out of order. And the projection: any arrival order, any redelivery.
 */
const h = new TransferHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const fieldsOf = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  ((r.errors?.[0]?.extensions?.fields as Array<{ field: string; zh: string; en: string }>) ?? []).map((f) => f.field);

async function acceptedInbound(personId: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await h.gql<{ applyForTransfer: { id: string } }>(APPLY, { input: inboundInput(personId, over) });
  expect(r.errors).toBeUndefined();
  return r.data!.applyForTransfer.id;
}

describe('bad input: a clear error, nothing written', () => {
  it('an unknown region and a destination equal to the source are BAD_USER_INPUT naming the field', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const unknown = await h.gql(APPLY, { input: inboundInput(personId, { sourceRegion: '999999' }) });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(unknown)).toContain('input.sourceRegion');
    const same = await h.gql(APPLY, { input: inboundInput(personId, { sourceRegion: '120104' }) });
    expect(fieldsOf(same)).toEqual(['input.destinationRegion']);
    expect((same.errors?.[0]?.extensions?.fields as Array<{ zh: string }>)[0]?.zh).toBe('转入地不能与转出地相同');
    const notAnId = await h.gql(APPLY, { input: inboundInput('not-a-uuid') });
    expect(fieldsOf(notAnId)).toEqual(['input.personId']);
    expect(await h.footprint(personId)).toEqual({ transfers: 0, steps: 0, events: 0 });
  });

  it('a negative or fractional amount is BAD_USER_INPUT; the transfer stays as it was', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const id = await acceptedInbound(personId, { mode: 'ONLINE' });
    await h.gql(
      'mutation ($id: ID!, $s: InfoSheetInput!) { receivePlatformInfoSheet(transferId: $id, infoSheet: $s) { id } }',
      { id, s: sheetInput() },
      { subject: 'p', role: 'INTEGRATOR', grants: ['receivePlatformInfoSheet'] },
    );
    await h.gql('mutation ($id: ID!) { completeTransferIn(transferId: $id) { id } }', { id });
    const before = await h.footprint(personId);
    const CREDIT = 'mutation ($id: ID!, $fen: Int!) { creditAccount(transferId: $id, amountFen: $fen) { status } }';
    const negative = await h.gql(CREDIT, { id, fen: -1 });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(fieldsOf(negative)).toEqual(['amountFen']);
    const fraction = await h.gql(CREDIT, { id, fen: 12.5 });
    expect(fraction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sheet = await h.gql(
      'mutation ($id: ID!, $s: InfoSheetInput!) { completeTransferOut(transferId: $id, infoSheet: $s) { id } }',
      {
        id,
        s: sheetInput({ accountBalanceFen: -5, actualMonths: 3, deemedMonths: 1, cumulativeMonths: 9 }),
      },
    );
    expect(fieldsOf(sheet)).toEqual(['infoSheet.accountBalanceFen']);
    expect(await h.footprint(personId)).toEqual(before);
    expect(await h.count('transfer', "id = $1 AND status = 'TRANSFERRED_IN'", [id])).toBe(1);
  });

  it('an inconsistent information sheet names every faulty field', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const id = await acceptedInbound(personId, { mode: 'ONLINE' });
    const r = await h.gql(
      'mutation ($id: ID!, $s: InfoSheetInput!) { receivePlatformInfoSheet(transferId: $id, infoSheet: $s) { id } }',
      {
        id,
        s: sheetInput({
          actualMonths: 10,
          deemedMonths: 2,
          cumulativeMonths: 13,
          periods: [{ from: '2026-03-01', to: '2026-01-01', scheme: 'EMPLOYEE', regionCode: '999999', months: 2 }],
        }),
      },
      { subject: 'p', role: 'INTEGRATOR', grants: ['receivePlatformInfoSheet'] },
    );
    expect(fieldsOf(r).sort()).toEqual([
      'infoSheet.cumulativeMonths',
      'infoSheet.periods.0.regionCode',
      'infoSheet.periods.0.to',
    ]);
    expect(await h.count('transfer', "id = $1 AND status = 'ACCEPTED' AND info_sheet IS NULL", [id])).toBe(1);
  });

  it('a step out of order is a CONFLICT naming the allowed steps; nothing changes', async () => {
    const { personId } = await h.person([tianjinStaff()]);
    const id = await acceptedInbound(personId);
    const before = await h.footprint(personId);
    const r = await h.gql('mutation ($id: ID!) { completeTransferIn(transferId: $id) { id } }', { id });
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      status: 'ACCEPTED',
      allowed: ['ISSUE_CONTACT_LETTER', 'CANCEL'],
    });
    const out = await h.gql('mutation ($id: ID!) { sendInfoSheet(transferId: $id) { id } }', { id });
    expect(out.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await h.footprint(personId)).toEqual(before);
    const missing = await h.gql('mutation ($id: ID!) { issueContactLetter(transferId: $id) { id } }', {
      id: randomUUID(),
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a postal outbound transfer starts only with the other agency’s letter', async () => {
    const { personId } = await h.person([tianjinStaff({ status: 'TERMINATED', endDate: '2026-05-31' })]);
    const r = await h.gql(
      APPLY,
      {
        input: { ...inboundInput(personId), sourceRegion: '120104', destinationRegion: SHIJIAZHUANG, mode: 'POSTAL' },
      },
      CITY,
    );
    expect(fieldsOf(r)).toEqual(['input.mode']);
    expect(await h.footprint(personId)).toEqual({ transfers: 0, steps: 0, events: 0 });
  });
});

describe('the projection of enrollment’s events', () => {
  it('T5: a relation’s events in any order end in its latest status; a redelivered event changes nothing', async () => {
    const { personId } = await h.person([]);
    const r = relation(personId, { status: 'TERMINATED', endDate: '2026-05-31' });
    const t0 = new Date('2026-06-01T08:00:00Z');
    // terminated (later) arrives before registered (earlier), on another topic
    await h.publish(
      'relation-terminated',
      personId,
      {
        relation: r,
        previousStatus: 'ACTIVE',
        cause: 'TERMINATION',
        reason: { zh: '终止', en: 'terminated' },
        effectiveDate: '2026-05-31',
        actor: CITY,
        changedAt: new Date(t0.getTime() + 60_000).toISOString(),
      },
      { time: new Date(t0.getTime() + 60_000) },
    );
    await h.projected(r.relationId, 'TERMINATED');
    const registeredId = await h.publish(
      'relation-registered',
      personId,
      { relation: { ...r, status: 'ACTIVE', endDate: null }, actor: CITY, registeredAt: t0.toISOString() },
      { time: t0 },
    );
    await h.publish(
      'relation-registered',
      personId,
      { relation: { ...r, status: 'ACTIVE', endDate: null }, actor: CITY, registeredAt: t0.toISOString() },
      { time: t0, id: registeredId },
    );
    // a marker after them on the same partition: once it is applied, the two before it have been handled
    const marker = relation(personId, { regionCode: SHIJIAZHUANG });
    await h.publish('relation-registered', personId, {
      relation: marker,
      actor: CITY,
      registeredAt: new Date().toISOString(),
    });
    await h.projected(marker.relationId, 'ACTIVE');
    expect(await h.count('projected_relation', "relation_id = $1 AND status = 'TERMINATED'", [r.relationId])).toBe(1);
    expect(await h.count('inbox', 'event_id = $1', [registeredId])).toBe(1);
  });

  it('T5: a run of relation events projected together (a year-end of relation-suspended) leaves what they leave one by one: the newest snapshot, the later of equals', async () => {
    const t0 = new Date('2026-12-31T16:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();
    type Snapshot = ReturnType<typeof relation>;
    /** One group: 20 relations projected ACTIVE at t0, and a run of events about them and 2 unknown ones. */
    const group = async () => {
      const known = Array.from({ length: 20 }, () =>
        relation(randomUUID(), { scheme: 'RESIDENT', employeeCategory: null, residentCategory: 'HOUSEHOLD' }),
      );
      await h.service.runtime.dataSource.transaction((m) =>
        h.app.projection.relations(
          m,
          known.map((r) => ({ relation: r, asOf: at(0) })),
        ),
      );
      const suspended = (r: Snapshot) => ({ ...r, status: 'SUSPENDED' as const, endDate: '2026-12-31' });
      const unknown = [relation(randomUUID()), relation(randomUUID())];
      const run: Array<{ relation: Snapshot; asOf: string }> = [
        ...known.slice(0, 16).map((r) => ({ relation: suspended(r), asOf: at(1) })),
        // known[16]: suspended, then an older resume arrives: it stays suspended
        { relation: suspended(known[16]!), asOf: at(2) },
        { relation: known[16]!, asOf: at(1) },
        // known[17]: suspended and terminated at the same time: the later event wins
        { relation: suspended(known[17]!), asOf: at(1) },
        { relation: { ...known[17]!, status: 'TERMINATED' as const, endDate: '2026-12-31' }, asOf: at(1) },
        // known[18]: an event older than the projection changes nothing
        { relation: suspended(known[18]!), asOf: at(-1) },
        // unknown ones are inserted; one of them twice, the newer first
        { relation: suspended(unknown[0]!), asOf: at(3) },
        { relation: unknown[0]!, asOf: at(2) },
        { relation: suspended(unknown[1]!), asOf: at(1) },
      ];
      return { ids: [...known, ...unknown].map((r) => r.relationId), run };
    };
    const rows = async (ids: string[]) => {
      const found: Array<Record<string, unknown>> = await h.service.runtime.dataSource.query(
        `SELECT relation_id, scheme, resident_category, period_year, start_date::text, end_date::text, status, as_of
           FROM projected_relation WHERE relation_id = ANY($1)`,
        [ids],
      );
      // by place in the group, without the ids (two groups compare)
      return ids.map((id) => {
        const { relation_id: _id, ...rest } = found.find((r) => r.relation_id === id) ?? { relation_id: id };
        return rest;
      });
    };
    const together = await group();
    const alone = await group();
    await h.service.runtime.dataSource.transaction((m) => h.app.projection.relations(m, together.run));
    for (const { relation: r, asOf } of alone.run)
      await h.service.runtime.dataSource.transaction((m) => h.app.projection.relations(m, [{ relation: r, asOf }]));

    const a = await rows(together.ids);
    expect(a).toEqual(await rows(alone.ids));
    const status = (i: number) => (a[i] as { status: string; as_of: Date }).status;
    const asOf = (i: number) => (a[i] as { as_of: Date }).as_of.toISOString();
    expect([0, 15].map(status)).toEqual(['SUSPENDED', 'SUSPENDED']);
    expect([status(16), asOf(16)]).toEqual(['SUSPENDED', at(2)]);
    expect([status(17), asOf(17)]).toEqual(['TERMINATED', at(1)]);
    expect([status(18), asOf(18)]).toEqual(['ACTIVE', at(0)]);
    expect([status(19), asOf(19)]).toEqual(['ACTIVE', at(0)]);
    expect(a[20]).toEqual({
      scheme: 'EMPLOYEE',
      resident_category: null,
      period_year: 2026,
      start_date: '2026-03-01',
      end_date: '2026-12-31',
      status: 'SUSPENDED',
      as_of: new Date(at(3)),
    });
    expect([status(21), asOf(21)]).toEqual(['SUSPENDED', at(1)]);
  });
});
