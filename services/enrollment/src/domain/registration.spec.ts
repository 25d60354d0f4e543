import { decideRegistration } from './registration';
import { employeeCoverageEndsOn } from './relations';
import {
  IN_PERIOD,
  PERIOD,
  TODAY,
  contribution,
  employee,
  employeeCommand,
  flexible,
  resident,
  residentCommand,
  snapshot,
} from './spec-fixtures';
import type { Decision, Effect, RuleId } from './types';

function effectsOf(decision: Decision): Effect[] {
  if (!decision.ok) throw new Error(`refused by ${decision.refusal.rule}: ${decision.refusal.reason.en}`);
  return decision.effects;
}

function refusedBy(decision: Decision): RuleId {
  if (decision.ok) throw new Error('expected a refusal');
  return decision.refusal.rule;
}

const register = (id = 'new') =>
  expect.objectContaining({ kind: 'REGISTER', relation: expect.objectContaining({ id }) });

describe('E1 — resident → employee inside Tianjin (即参即停)', () => {
  it('E1: employee registration suspends the active current-year resident relation in the same decision', () => {
    const decision = decideRegistration(snapshot({ relations: [resident()] }), employeeCommand(), TODAY, PERIOD);
    expect(effectsOf(decision)).toEqual([
      register(),
      expect.objectContaining({
        kind: 'SUSPEND',
        relationId: 'r-res',
        rule: 'E1',
        effectiveDate: TODAY,
        coveredUntil: null,
      }),
    ]);
  });

  it('E1: the registered relation is ACTIVE, employee, at the new unit', () => {
    const [first] = effectsOf(
      decideRegistration(snapshot({ relations: [resident()] }), employeeCommand(), TODAY, PERIOD),
    );
    expect(first).toEqual({
      kind: 'REGISTER',
      relation: expect.objectContaining({
        id: 'new',
        personId: 'p1',
        scheme: 'EMPLOYEE',
        employeeCategory: 'EMPLOYER_STAFF',
        unitCode: '91120000MA05000000',
        status: 'ACTIVE',
        endDate: null,
      }),
    });
  });

  it('E1: a resident relation of a past year is not touched', () => {
    const past = resident({ periodYear: 2024, startDate: '2024-01-01' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [past] }), employeeCommand(), TODAY, PERIOD))).toEqual([
      register(),
    ]);
  });

  it('E1: an employee relation starting next year lets the current-year resident relation run out', () => {
    const command = employeeCommand({ periodYear: 2026, startDate: '2026-01-01' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [resident()] }), command, '2025-12-20', PERIOD))).toEqual(
      [register()],
    );
  });
});

describe('E2 — paid next-year resident contribution during the centralised period', () => {
  const paidNextYear = snapshot({ relations: [resident()], contributions: [contribution()] });

  it('E2: an employee registration is refused until the refund from the tax authority is recorded', () => {
    const decision = decideRegistration(paidNextYear, employeeCommand({ startDate: IN_PERIOD }), IN_PERIOD, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E2',
        reason: expect.objectContaining({ zh: expect.stringContaining('2025-09-01至2025-12-31') }),
        nextStep: expect.objectContaining({ zh: expect.stringContaining('向税务部门申请办理2026年度居民医保退费') }),
      }),
    });
  });

  it('E2: once the refund is recorded the registration goes through (and E1 suspends this year)', () => {
    const refunded = snapshot({ relations: [resident()], contributions: [contribution({ refundedOn: '2025-10-01' })] });
    const effects = effectsOf(
      decideRegistration(refunded, employeeCommand({ startDate: IN_PERIOD }), IN_PERIOD, PERIOD),
    );
    expect(effects).toEqual([
      register(),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-res', rule: 'E1' }),
    ]);
  });

  it('E2: holding next year’s resident relation: refused before the refund; after it, next year’s relation is suspended from its start', () => {
    const year2026 = resident({ id: 'r-2026', periodYear: 2026, startDate: '2026-01-01', unitCode: 'HH-2026' });
    const before = snapshot({ relations: [resident(), year2026], contributions: [contribution()] });
    const command = employeeCommand({ startDate: IN_PERIOD });
    expect(refusedBy(decideRegistration(before, command, IN_PERIOD, PERIOD))).toBe('E2');
    const after = { ...before, contributions: [contribution({ refundedOn: '2025-10-01' })] };
    expect(effectsOf(decideRegistration(after, command, IN_PERIOD, PERIOD))).toEqual([
      register(),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-res', rule: 'E1', effectiveDate: IN_PERIOD }),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-2026', rule: 'E2', effectiveDate: '2026-01-01' }),
    ]);
  });

  it('E2: the next-year relation alone (no contribution on file) is joining too: refused until a refund is recorded', () => {
    const year2026 = resident({ id: 'r-2026', periodYear: 2026, startDate: '2026-01-01' });
    const s = snapshot({ relations: [year2026] });
    expect(refusedBy(decideRegistration(s, employeeCommand({ startDate: IN_PERIOD }), IN_PERIOD, PERIOD))).toBe('E2');
  });

  it('E2: only within the centralised period, as the text says: after it closes E2 does not apply (E17 speaks)', () => {
    const closedEarly = { ...PERIOD, to: '2025-11-30' };
    const year2026 = resident({ id: 'r-2026', periodYear: 2026, startDate: '2026-01-01' });
    const s = snapshot({ relations: [year2026], contributions: [contribution()] });
    const command = employeeCommand({ startDate: '2025-12-10' });
    expect(refusedBy(decideRegistration(s, command, '2025-12-10', closedEarly))).toBe('E17');
    const noRelation = snapshot({ contributions: [contribution()] });
    expect(decideRegistration(noRelation, command, '2025-12-10', closedEarly).ok).toBe(true);
  });

  it('E2: a back-payment is excepted and suspends nothing', () => {
    const command = employeeCommand({ startDate: '2025-01-01', endDate: '2025-05-31', backPayment: true });
    expect(effectsOf(decideRegistration(paidNextYear, command, IN_PERIOD, PERIOD))).toEqual([register()]);
  });

  it('E2: after 1 January the next-year relation is the current one, and E1 suspends it', () => {
    const year2026 = resident({ id: 'r-2026', periodYear: 2026, startDate: '2026-01-01' });
    const s = snapshot({ relations: [year2026], contributions: [contribution()] });
    const command = employeeCommand({ periodYear: 2026, startDate: '2026-01-10' });
    expect(refusedBy(decideRegistration(s, command, '2025-12-31', PERIOD))).toBe('E2');
    expect(effectsOf(decideRegistration(s, command, '2026-01-10', PERIOD))).toEqual([
      register(),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-2026', rule: 'E1' }),
    ]);
  });
});

describe('E3 — employee → resident inside Tianjin', () => {
  it('E3: resident registration is refused while the employee relation is ACTIVE; suspend the employee relation first', () => {
    const decision = decideRegistration(snapshot({ relations: [flexible()] }), residentCommand(), TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: {
        rule: 'E3',
        reason: expect.objectContaining({ zh: expect.stringContaining('职工医保参保关系正常参保') }),
        nextStep: expect.objectContaining({
          zh: expect.stringContaining('请先办理职工医保暂停参保'),
          en: expect.stringContaining('suspend the employee relation first'),
        }),
      },
    });
  });

  it('E3: for employer staff the next step is the employer’s suspension', () => {
    const decision = decideRegistration(snapshot({ relations: [employee()] }), residentCommand(), TODAY, PERIOD);
    expect(decision.ok ? null : decision.refusal.nextStep.zh).toContain('请参保单位先办理职工医保暂停参保');
  });

  it('E3: the month of suspension is still covered by employee benefits (last day of that month)', () => {
    expect(employeeCoverageEndsOn('2025-02-10')).toBe('2025-02-28');
    expect(employeeCoverageEndsOn('2024-02-10')).toBe('2024-02-29');
    expect(employeeCoverageEndsOn('2025-12-31')).toBe('2025-12-31');
  });

  it('E3: once the employee relation is suspended the resident registration goes through', () => {
    const suspended = employee({ status: 'SUSPENDED', endDate: '2025-06-01' });
    const effects = effectsOf(
      decideRegistration(snapshot({ relations: [suspended] }), residentCommand(), TODAY, PERIOD),
    );
    expect(effects).toEqual([register()]);
  });
});

describe('E4 — employee retirees', () => {
  const retiree = employee({ retired: true, employeeCategory: 'EMPLOYER_STAFF' });

  it('E4: a person receiving employee retiree benefits can never register a resident relation', () => {
    const decision = decideRegistration(snapshot({ relations: [retiree] }), residentCommand(), TODAY, PERIOD);
    expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'E4' }) });
  });

  it('E4: suspending the retiree relation does not open the way, and the refusal changes nothing', () => {
    const suspended = { ...retiree, status: 'SUSPENDED' as const, endDate: '2025-05-01' };
    const decision = decideRegistration(snapshot({ relations: [suspended] }), residentCommand(), TODAY, PERIOD);
    expect(refusedBy(decision)).toBe('E4');
    expect(decision).not.toHaveProperty('effects');
  });

  it('E4: also for a resident registration in another province', () => {
    const decision = decideRegistration(
      snapshot({ relations: [retiree] }),
      residentCommand({ regionCode: '130100' }),
      TODAY,
      PERIOD,
    );
    expect(refusedBy(decision)).toBe('E4');
  });
});

describe('E9 — flexible → employer staff', () => {
  it('E9: the employer’s registration suspends the flexible relation at once (covered to month end)', () => {
    const effects = effectsOf(
      decideRegistration(snapshot({ relations: [flexible()] }), employeeCommand(), TODAY, PERIOD),
    );
    expect(effects).toEqual([
      register(),
      expect.objectContaining({
        kind: 'SUSPEND',
        relationId: 'r-flex',
        rule: 'E9',
        effectiveDate: TODAY,
        coveredUntil: '2025-06-30',
      }),
    ]);
  });

  it('E9: refused while this year’s flexible contributions were prepaid and not refunded', () => {
    const prepaid = contribution({
      scheme: 'EMPLOYEE',
      employeeCategory: 'FLEXIBLE',
      kind: 'PREPAYMENT',
      year: 2025,
      paidOn: '2025-01-05',
    });
    const s = snapshot({ relations: [flexible()], contributions: [prepaid] });
    const decision = decideRegistration(s, employeeCommand(), TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E9',
        nextStep: expect.objectContaining({ zh: expect.stringContaining('预缴费退费') }),
      }),
    });
    const refunded = snapshot({ relations: [flexible()], contributions: [{ ...prepaid, refundedOn: '2025-06-01' }] });
    expect(decideRegistration(refunded, employeeCommand(), TODAY, PERIOD).ok).toBe(true);
  });

  it('E9: a prepayment of a past year does not block', () => {
    const old = contribution({ scheme: 'EMPLOYEE', employeeCategory: 'FLEXIBLE', kind: 'PREPAYMENT', year: 2024 });
    const s = snapshot({ relations: [flexible()], contributions: [old] });
    expect(decideRegistration(s, employeeCommand(), TODAY, PERIOD).ok).toBe(true);
  });
});

describe('E10 — employer staff → flexible', () => {
  it('E10: refused until the employer has suspended the employer-staff relation', () => {
    const command = employeeCommand({ employeeCategory: 'FLEXIBLE', unitCode: 'FLEX120104' });
    const decision = decideRegistration(snapshot({ relations: [employee()] }), command, TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E10',
        nextStep: expect.objectContaining({ en: expect.stringContaining('employer must suspend') }),
      }),
    });
  });

  it('E10: after the employer’s suspension the flexible registration goes through', () => {
    const command = employeeCommand({ employeeCategory: 'FLEXIBLE', unitCode: 'FLEX120104' });
    const stopped = employee({ status: 'SUSPENDED', endDate: '2025-05-31' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [stopped] }), command, TODAY, PERIOD))).toEqual([
      register(),
    ]);
  });
});

describe('E11 — resident category ranking', () => {
  it('E11: a village registration overrides a household relation at once', () => {
    const effects = effectsOf(
      decideRegistration(snapshot({ relations: [resident()] }), residentCommand(), TODAY, PERIOD),
    );
    expect(effects).toEqual([
      register(),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-res', rule: 'E11' }),
    ]);
  });

  it('E11: an equal-rank unit overrides too (welfare institution over village)', () => {
    const village = resident({ residentCategory: 'VILLAGE', unitCode: 'V1' });
    const command = residentCommand({ residentCategory: 'WELFARE_INSTITUTION', unitCode: 'W1' });
    const effects = effectsOf(decideRegistration(snapshot({ relations: [village] }), command, TODAY, PERIOD));
    expect(effects).toEqual([register(), expect.objectContaining({ kind: 'SUSPEND', rule: 'E11' })]);
  });

  it('E11: equal rank follows the city centre’s versioned parameter: switched off it is refused, and both texts name the parameter', () => {
    const s = snapshot({ relations: [resident({ residentCategory: 'VILLAGE', unitCode: 'V-1' })] });
    const command = residentCommand({ residentCategory: 'WELFARE_INSTITUTION', unitCode: 'W-1' });
    const on = decideRegistration(s, command, TODAY, PERIOD);
    expect(on.ok && on.effects[1]).toMatchObject({ rule: 'E11', reason: { zh: expect.stringContaining('政策参数') } });
    const off = { e11EqualRankOverrides: { value: false, effectiveFrom: '2025-06-01', source: '第3号纪要' } };
    expect(decideRegistration(s, command, TODAY, PERIOD, off)).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E11',
        reason: {
          zh: expect.stringMatching(/政策参数.*2025-06-01.*第3号纪要/),
          en: expect.stringMatching(/policy parameter.*2025-06-01.*第3号纪要/),
        },
      }),
    });
    // a higher rank overrides whatever the parameter says
    const school = residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'PRIMARY', unitCode: 'P-1' });
    expect(decideRegistration(s, school, TODAY, PERIOD, off).ok).toBe(true);
  });

  it('E11: a lower-rank registration while a higher one is ACTIVE is refused with the reason', () => {
    const school = resident({
      residentCategory: 'SCHOOL',
      schoolLevel: 'UNIVERSITY',
      unitCode: 'U1',
      unitName: '南开大学',
    });
    const command = residentCommand({ residentCategory: 'HOUSEHOLD', unitCode: 'HH2' });
    const decision = decideRegistration(snapshot({ relations: [school] }), command, TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E11',
        reason: expect.objectContaining({ zh: expect.stringContaining('南开大学') }),
      }),
    });
  });

  it('E11: inside SCHOOL by level — university over secondary overrides, primary under junior high is refused', () => {
    const secondary = resident({ residentCategory: 'SCHOOL', schoolLevel: 'SECONDARY', unitCode: 'S1' });
    const university = residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'UNIVERSITY', unitCode: 'U1' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [secondary] }), university, TODAY, PERIOD))).toEqual([
      register(),
      expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-res', rule: 'E11' }),
    ]);
    const junior = resident({ residentCategory: 'SCHOOL', schoolLevel: 'JUNIOR_HIGH', unitCode: 'J1' });
    const primary = residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'PRIMARY', unitCode: 'P1' });
    expect(refusedBy(decideRegistration(snapshot({ relations: [junior] }), primary, TODAY, PERIOD))).toBe('E11');
  });

  it('E11: the same school code at a higher level (junior to senior high) overrides', () => {
    const junior = resident({ residentCategory: 'SCHOOL', schoolLevel: 'JUNIOR_HIGH', unitCode: 'SCH7' });
    const senior = residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'SECONDARY', unitCode: 'SCH7' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [junior] }), senior, TODAY, PERIOD))).toHaveLength(2);
  });

  it('E11: a school registration overrides a newborn relation; a household one does not beat a village', () => {
    const newborn = resident({ residentCategory: 'NEWBORN', unitCode: 'NB1' });
    const nursery = residentCommand({ residentCategory: 'SCHOOL', schoolLevel: 'NURSERY', unitCode: 'N1' });
    expect(effectsOf(decideRegistration(snapshot({ relations: [newborn] }), nursery, TODAY, PERIOD))).toHaveLength(2);
    const village = resident({ residentCategory: 'VILLAGE', unitCode: 'V1' });
    const household = residentCommand({ residentCategory: 'HOUSEHOLD', unitCode: 'HH9' });
    expect(refusedBy(decideRegistration(snapshot({ relations: [village] }), household, TODAY, PERIOD))).toBe('E11');
  });
});

describe('E13 — re-enrolment after a lapse', () => {
  it('E13: re-enrolment after a lapse succeeds with a waiting-period warning carrying the lapse facts', () => {
    const relations = [
      resident({ id: 'y2021', periodYear: 2021, startDate: '2021-01-01' }),
      resident({
        id: 'y2024',
        periodYear: 2024,
        startDate: '2024-01-01',
        status: 'SUSPENDED',
        endDate: '2024-12-31',
        suspensionRule: 'E13',
      }),
    ];
    const decision = decideRegistration(
      snapshot({ relations }),
      residentCommand({ residentCategory: 'HOUSEHOLD' }),
      TODAY,
      PERIOD,
    );
    expect(decision).toEqual({
      ok: true,
      effects: [register()],
      warnings: [
        {
          rule: 'E13',
          message: expect.objectContaining({ zh: expect.stringContaining('待遇等待期') }),
          lapse: {
            lapseYears: [2022, 2023],
            lastCoveredOn: '2024-12-31',
            resumesOn: TODAY,
            outsideCentralisedPeriod: true,
          },
        },
      ],
    });
  });

  it('E13: enrolling next year during the centralised period while insured this year brings no warning', () => {
    const command = residentCommand({
      residentCategory: 'HOUSEHOLD',
      unitCode: 'HH120104001',
      periodYear: 2026,
      startDate: '2026-01-01',
    });
    const decision = decideRegistration(snapshot({ relations: [resident()] }), command, IN_PERIOD, PERIOD);
    expect(decision).toEqual({ ok: true, effects: [register()], warnings: [] });
  });

  it('E13: a first enrolment is not a re-enrolment and brings no warning', () => {
    const decision = decideRegistration(snapshot(), residentCommand(), TODAY, PERIOD);
    expect(decision.ok && decision.warnings).toEqual([]);
  });

  it('E13: the employee month of suspension counts as covered (B6 context): a gap after it is reported', () => {
    const suspended = employee({ status: 'SUSPENDED', endDate: '2025-03-10' });
    const onTime = decideRegistration(
      snapshot({ relations: [suspended] }),
      residentCommand({ startDate: '2025-04-01' }),
      '2025-04-01',
      PERIOD,
    );
    expect(onTime.ok && onTime.warnings).toEqual([]);
    const late = decideRegistration(
      snapshot({ relations: [suspended] }),
      residentCommand({ startDate: '2025-04-20' }),
      '2025-04-20',
      PERIOD,
    );
    expect(late.ok && late.warnings[0]?.lapse).toEqual({
      lapseYears: [],
      lastCoveredOn: '2025-03-31',
      resumesOn: '2025-04-20',
      outsideCentralisedPeriod: true,
    });
  });
});

describe('E17 — inside Tianjin', () => {
  it('E17: a second registration with the same unit is refused', () => {
    const command = residentCommand({ residentCategory: 'HOUSEHOLD', unitCode: 'HH120104001' });
    expect(refusedBy(decideRegistration(snapshot({ relations: [resident()] }), command, TODAY, PERIOD))).toBe('E17');
  });

  it('E17: a second employer while the first still insures the person is refused; the previous employer suspends', () => {
    const decision = decideRegistration(snapshot({ relations: [employee()] }), employeeCommand(), TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E17',
        nextStep: { zh: '请原参保单位先办理暂停参保', en: 'the previous employer must suspend its relation first' },
      }),
    });
  });
});
