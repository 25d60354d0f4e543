import { employee, relation, resumed, suspended } from './spec-fixtures';
import { statusOn } from './status';

describe('benefit status on a date', () => {
  it('B7: WAITING between the start and coveredFrom, COVERED from then on', () => {
    const r = relation({ startDate: '2026-07-01' });
    const waiting = [{ relationId: r.relationId, waitingStartsOn: '2026-07-01', coveredFrom: '2026-11-01' }];
    expect(statusOn([r], waiting, '2026-06-30').status).toBe('NOT_INSURED');
    expect(statusOn([r], waiting, '2026-07-01')).toMatchObject({ status: 'WAITING', rule: 'B7' });
    expect(statusOn([r], waiting, '2026-10-31').reason.en).toBe(
      'insured and in the waiting period; covered from 2026-11-01',
    );
    expect(statusOn([r], waiting, '2026-11-01')).toMatchObject({ status: 'COVERED', relationId: r.relationId });
  });

  it('E3: the month of an employee suspension stays covered, then the benefits are suspended', () => {
    const e = employee({
      startDate: '2024-01-01',
      status: 'SUSPENDED',
      changes: [suspended('2026-03-10', 'E15', '2026-03-31')],
    });
    expect(statusOn([e], [], '2026-03-10')).toMatchObject({ status: 'COVERED', rule: 'B1' });
    expect(statusOn([e], [], '2026-03-20')).toMatchObject({ status: 'COVERED', rule: 'E3' });
    expect(statusOn([e], [], '2026-03-31')).toMatchObject({ status: 'COVERED', rule: 'E3' });
    expect(statusOn([e], [], '2026-04-01')).toMatchObject({ status: 'SUSPENDED', rule: 'E15' });
  });

  it('E3: a resident relation starting in the suspension month does not hide the employee coverage', () => {
    const e = employee({
      startDate: '2024-01-01',
      status: 'SUSPENDED',
      changes: [suspended('2026-03-10', 'E15', '2026-03-31')],
    });
    const r = relation({ startDate: '2026-03-11' });
    const waiting = [{ relationId: r.relationId, waitingStartsOn: '2026-03-11', coveredFrom: '2026-06-11' }];
    expect(statusOn([e, r], waiting, '2026-03-25')).toMatchObject({ status: 'COVERED', rule: 'E3' });
    expect(statusOn([e, r], waiting, '2026-04-02')).toMatchObject({ status: 'WAITING' });
  });

  it('E14: a newborn suspended after 180 days without an ID is SUSPENDED, and COVERED again once restored', () => {
    const r = relation({
      residentCategory: 'NEWBORN',
      startDate: '2026-01-05',
      changes: [suspended('2026-07-31', 'E14'), resumed('2026-09-10')],
    });
    expect(statusOn([r], [], '2026-07-31').status).toBe('COVERED');
    expect(statusOn([r], [], '2026-08-15')).toMatchObject({ status: 'SUSPENDED', rule: 'E14' });
    expect(statusOn([r], [], '2026-08-15').reason.zh).toContain('新生儿');
    expect(statusOn([r], [], '2026-09-10')).toMatchObject({ status: 'COVERED', rule: 'E14' });
  });

  it('E13: a resident suspended at year end is SUSPENDED until the year ends, then NOT_INSURED', () => {
    const r = relation({ startDate: '2026-01-01', changes: [suspended('2026-12-30', 'E13')] });
    expect(statusOn([r], [], '2026-12-31').status).toBe('SUSPENDED');
    expect(statusOn([r], [], '2027-01-01').status).toBe('NOT_INSURED');
  });

  it('a terminated relation leaves the person NOT_INSURED', () => {
    const e = employee({
      startDate: '2020-01-01',
      changes: [{ kind: 'TERMINATED', effectiveDate: '2025-05-31', coveredUntil: null, cause: 'T2' }],
    });
    expect(statusOn([e], [], '2025-05-31').status).toBe('COVERED');
    expect(statusOn([e], [], '2025-06-01').status).toBe('NOT_INSURED');
  });
});
