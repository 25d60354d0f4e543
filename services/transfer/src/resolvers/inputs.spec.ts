import { randomUUID } from 'node:crypto';
import { EDGE_TEXTS, amountArgs, applyArgs, cancelArgs, dueArgs, infoSheetInput } from './inputs';

const issuesOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), text: EDGE_TEXTS.get(i.message) }));

describe('edge shape checks (GraphQL has checked the types; the rules come after)', () => {
  const transferId = randomUUID();

  it.each([
    ['a negative amount', { transferId, amountFen: -1 }, 'amountFen', '金额不能为负数'],
    ['a fractional amount', { transferId, amountFen: 1.5 }, 'amountFen', '金额应为整数（分）'],
    ['a transfer id that is none', { transferId: 'x', amountFen: 1 }, 'transferId', '编号格式不正确'],
  ])('%s is refused with its field, in both languages', (_what, args, path, zh) => {
    const issues = issuesOf(amountArgs.safeParse(args));
    expect(issues).toEqual([{ path, text: expect.objectContaining({ zh }) }]);
    expect(issues[0]?.text?.en).toBeTruthy();
  });

  it.each([
    ['negative months', { actualMonths: -1 }, 'actualMonths'],
    ['a negative balance', { accountBalanceFen: -100 }, 'accountBalanceFen'],
    ['an over-long note', { note: '长'.repeat(501) }, 'note'],
  ])('an information sheet with %s is refused', (_what, over, path) => {
    const r = infoSheetInput.safeParse({
      periods: [],
      actualMonths: 1,
      deemedMonths: 0,
      accountBalanceFen: 0,
      ...over,
    });
    expect(issuesOf(r).map((i) => i.path)).toEqual([path]);
  });

  it('an employer applicant needs its unit code; the applicant defaults to the transfer’s person', () => {
    const base = {
      personId: transferId,
      sourceRegion: '130102',
      destinationRegion: '120104',
      mode: 'POSTAL',
      fromScheme: 'EMPLOYEE',
      toScheme: 'EMPLOYEE',
      channel: 'AGENCY_COUNTER',
    };
    expect(
      issuesOf(applyArgs.safeParse({ input: { ...base, applicant: { kind: 'EMPLOYER' } } })).map((i) => i.path),
    ).toEqual(['input.applicant.unitCode']);
    const ok = applyArgs.safeParse({ input: { ...base, applicant: { kind: 'PERSON' } } });
    expect(ok.success && ok.data.input.applicant).toEqual({ kind: 'PERSON', personId: transferId });
  });

  it('a staff list names a district as 1201xx; a cancellation needs its reason', () => {
    expect(issuesOf(dueArgs.safeParse({ district: '130102' })).map((i) => i.path)).toEqual(['district']);
    expect(dueArgs.parse({})).toEqual({ district: null, withinWorkingDays: 3, overdueOnly: false, first: 100 });
    expect(issuesOf(cancelArgs.safeParse({ transferId, reason: { zh: ' ', en: 'x' } })).map((i) => i.path)).toEqual([
      'reason.zh',
    ]);
  });
});
