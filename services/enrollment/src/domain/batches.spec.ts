import { decideNewbornIdRecorded, selectGraduates, selectNewbornsWithoutId, selectYearEndLapses } from './batches';
import { DomainInputError } from './types';
import { HEBEI, PERIOD, contribution, person, resident, snapshot } from './spec-fixtures';

const ids = (effects: { relationId: string }[]) => effects.map((e) => e.relationId);

describe('E12 — graduation batch', () => {
  const student = (
    id: string,
    level: 'UNIVERSITY' | 'HIGHER_VOCATIONAL' | 'SECONDARY',
    expectedGraduation: string | null,
  ) =>
    resident({ id, personId: id, residentCategory: 'SCHOOL', schoolLevel: level, unitCode: 'U1', expectedGraduation });

  it('E12: students of higher education whose school years have run out are suspended when they graduate', () => {
    const effects = selectGraduates(
      [student('u', 'UNIVERSITY', '2025-06-30'), student('hv', 'HIGHER_VOCATIONAL', '2025-06-20')],
      '2025-07-01',
    );
    expect(effects).toEqual([
      expect.objectContaining({
        kind: 'SUSPEND',
        relationId: 'u',
        personId: 'u',
        rule: 'E12',
        effectiveDate: '2025-07-01',
      }),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'hv', rule: 'E12' }),
    ]);
  });

  it('E12: not before graduation, not without maintained school years, not below higher education, not twice', () => {
    const effects = selectGraduates(
      [
        student('later', 'UNIVERSITY', '2026-06-30'),
        student('unknown', 'UNIVERSITY', null),
        student('school', 'SECONDARY', '2025-06-30'),
        { ...student('done', 'UNIVERSITY', '2025-06-30'), status: 'SUSPENDED', endDate: '2025-06-30' },
        { ...student('elsewhere', 'UNIVERSITY', '2025-06-30'), regionCode: HEBEI },
      ],
      '2025-07-01',
    );
    expect(effects).toEqual([]);
  });
});

describe('E13 — year-end lapse batch', () => {
  const household = resident({ id: 'hh', personId: 'hh', residentCategory: 'HOUSEHOLD' });
  const village = resident({ id: 'v', personId: 'v', residentCategory: 'VILLAGE' });
  const welfare = resident({ id: 'w', personId: 'w', residentCategory: 'WELFARE_INSTITUTION' });
  const school = resident({ id: 's', personId: 's', residentCategory: 'SCHOOL', schoolLevel: 'PRIMARY' });

  it('E13: HOUSEHOLD, VILLAGE and WELFARE_INSTITUTION residents who did not pay next year in the period are suspended on 31 December', () => {
    const effects = selectYearEndLapses([household, village, welfare, school], [], 2025, PERIOD);
    expect(ids(effects)).toEqual(['hh', 'v', 'w']);
    expect(effects[0]).toMatchObject({ rule: 'E13', effectiveDate: '2025-12-31', coveredUntil: null });
  });

  it('E13: a payment inside the period keeps the person; one outside it, or refunded, does not', () => {
    const period = { from: '2025-09-01', to: '2025-12-20', forYear: 2026 };
    const effects = selectYearEndLapses(
      [household, village, welfare],
      [
        contribution({ personId: 'hh', paidOn: '2025-10-01' }),
        contribution({ personId: 'v', paidOn: '2025-12-24' }),
        contribution({ personId: 'w', paidOn: '2025-10-01', refundedOn: '2025-11-01' }),
      ],
      2025,
      period,
    );
    expect(ids(effects)).toEqual(['v', 'w']);
  });

  it('E13: the period passed must be the one for next year', () => {
    expect(() => selectYearEndLapses([household], [], 2024, PERIOD)).toThrow(DomainInputError);
  });
});

describe('E14 — newborns without an ID number', () => {
  const baby = (id: string, birthDate: string, idType: 'BIRTH_CERTIFICATE' | 'RESIDENT_ID' = 'BIRTH_CERTIFICATE') =>
    person({ id, birthDate, idType, idNumber: idType === 'RESIDENT_ID' ? '11010520250101001X' : 'O120000001' });
  const newborn = (personId: string) =>
    resident({ id: `r-${personId}`, personId, residentCategory: 'NEWBORN', unitCode: 'NB' });

  it('E14: more than 180 days after birth without an ID number, the month-end batch suspends the relation', () => {
    const effects = selectNewbornsWithoutId([newborn('a')], [baby('a', '2025-01-01')], '2025-07-31');
    expect(effects).toEqual([
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-a', rule: 'E14', effectiveDate: '2025-07-31' }),
    ]);
  });

  it('E14: exactly 180 days is not more than 180; a newborn with an ID number is left alone', () => {
    // 2025-01-01 + 180 days = 2025-06-30 (the day of birth is not counted)
    expect(selectNewbornsWithoutId([newborn('a')], [baby('a', '2025-01-01')], '2025-06-30')).toEqual([]);
    expect(selectNewbornsWithoutId([newborn('b')], [baby('b', '2024-06-01', 'RESIDENT_ID')], '2025-06-30')).toEqual([]);
  });

  it('E14: next year’s relation of a child registered as a newborn is suspended too', () => {
    const next = resident({
      id: 'r-a-2026',
      personId: 'a',
      residentCategory: 'HOUSEHOLD',
      periodYear: 2026,
      startDate: '2026-01-01',
    });
    const effects = selectNewbornsWithoutId(
      [{ ...newborn('a'), periodYear: 2025 }, next],
      [baby('a', '2025-09-01')],
      '2026-03-31',
    );
    expect(ids(effects)).toEqual(['r-a-2026']);
  });

  it('E14: a next-year relation registered in the centralised period is suspended from its own start, never before it', () => {
    const current = { ...newborn('a'), id: 'r-a-2025', periodYear: 2025 };
    const next = resident({ id: 'r-a-2026', personId: 'a', periodYear: 2026, startDate: '2026-01-01' });
    const effects = selectNewbornsWithoutId([current, next], [baby('a', '2025-03-01')], '2025-10-31');
    expect(effects.map((e) => [e.relationId, e.effectiveDate])).toEqual([
      ['r-a-2025', '2025-10-31'],
      ['r-a-2026', '2026-01-01'],
    ]);
  });

  it('E14: the batch runs on a month end only', () => {
    expect(() => selectNewbornsWithoutId([], [], '2025-07-30')).toThrow(DomainInputError);
  });

  it('E14: recording the ID number restores the relations the batch suspended, and only those', () => {
    const s = snapshot({
      person: baby('a', '2025-01-01'),
      relations: [
        { ...newborn('a'), status: 'SUSPENDED', endDate: '2025-07-31', suspensionRule: 'E14' },
        resident({
          id: 'other',
          personId: 'a',
          periodYear: 2024,
          startDate: '2024-12-01',
          status: 'SUSPENDED',
          endDate: '2024-12-31',
          suspensionRule: 'E13',
        }),
      ],
    });
    expect(decideNewbornIdRecorded(s, '11010520250101001X', '2025-08-05')).toEqual({
      ok: true,
      effects: [
        { kind: 'RECORD_RESIDENT_ID', personId: 'a', idNumber: '11010520250101001X' },
        expect.objectContaining({ kind: 'RESUME', relationId: 'r-a', rule: 'E14', effectiveDate: '2025-08-05' }),
      ],
      warnings: [],
    });
  });

  it('E14: a malformed ID number is refused, and a different ID already recorded is refused', () => {
    const s = snapshot({ person: baby('a', '2025-01-01') });
    expect(decideNewbornIdRecorded(s, '1101052025', '2025-08-05')).toMatchObject({
      ok: false,
      refusal: { rule: 'E14' },
    });
    const withId = snapshot({ person: baby('a', '2025-01-01', 'RESIDENT_ID') });
    expect(decideNewbornIdRecorded(withId, '120104202501010011', '2025-08-05')).toMatchObject({
      ok: false,
      refusal: { rule: 'E14' },
    });
    expect(decideNewbornIdRecorded(withId, '11010520250101001X', '2025-08-05')).toEqual({
      ok: true,
      effects: [],
      warnings: [],
    });
  });

  it('E14: a relation that would now insure the child twice stays suspended, with an E17 warning', () => {
    const s = snapshot({
      person: baby('a', '2025-01-01'),
      relations: [
        { ...newborn('a'), status: 'SUSPENDED', endDate: '2025-07-31', suspensionRule: 'E14' },
        resident({ id: 'hebei', personId: 'a', regionCode: HEBEI, unitCode: 'SJZ' }),
      ],
    });
    const decision = decideNewbornIdRecorded(s, '11010520250101001X', '2025-08-05');
    expect(decision).toMatchObject({ ok: true, warnings: [{ rule: 'E17' }] });
    expect(decision.ok && decision.effects.map((e) => e.kind)).toEqual(['RECORD_RESIDENT_ID']);
  });
});
