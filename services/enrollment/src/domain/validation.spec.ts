import { decideRegistration } from './registration';
import {
  HEBEI,
  PERIOD,
  TODAY,
  employee,
  employeeCommand,
  flexible,
  person,
  resident,
  residentCommand,
  snapshot,
} from './spec-fixtures';
import { DomainInputError } from './types';
import {
  decideResumption,
  validateCentralisedPeriod,
  validateContribution,
  validatePerson,
  validateRefund,
  validateRegistration,
  validateRegistrationNotice,
  type Validated,
} from './validation';

const fields = (v: Validated<unknown>) => (v.ok ? [] : v.problems.map((p) => p.field));
const reasons = (v: Validated<unknown>) => (v.ok ? [] : v.problems.map((p) => p.reason));

describe('validateRegistration — E1–E11 input', () => {
  it('a well-formed employee or resident registration passes unchanged', () => {
    expect(validateRegistration(employeeCommand(), TODAY)).toEqual({ ok: true, value: employeeCommand() });
    expect(validateRegistration(residentCommand(), TODAY)).toEqual({ ok: true, value: residentCommand() });
  });

  it('periodYear defaults to the year of startDate', () => {
    const v = validateRegistration({ ...employeeCommand(), periodYear: null }, TODAY);
    expect(v).toMatchObject({ ok: true, value: { periodYear: 2025, startDate: TODAY } });
  });

  it('E2: a RESIDENT registration for next year (centralised period) starts on 1 January of that year', () => {
    const v = validateRegistration(residentCommand({ periodYear: 2026, startDate: '2025-10-15' }), '2025-10-15');
    expect(v).toMatchObject({ ok: true, value: { periodYear: 2026, startDate: '2026-01-01' } });
  });

  it('an EMPLOYEE periodYear other than startDate’s, or a RESIDENT one two years on, is refused with both years', () => {
    const employeeYear = validateRegistration(employeeCommand({ periodYear: 2026 }), TODAY);
    expect(fields(employeeYear)).toEqual(['periodYear']);
    expect(reasons(employeeYear)[0]?.zh).toContain('2025');
    expect(fields(validateRegistration(residentCommand({ periodYear: 2027 }), TODAY))).toEqual(['periodYear']);
  });

  it('every problem is reported at once: scheme and categories that do not fit, a retired resident', () => {
    const v = validateRegistration(
      residentCommand({ scheme: 'EMPLOYEE', residentCategory: 'HOUSEHOLD', retired: true }),
      TODAY,
    );
    expect(fields(v)).toEqual(['employeeCategory', 'residentCategory']);
    const retiredResident = validateRegistration(residentCommand({ retired: true, periodYear: 2030 }), TODAY);
    expect(fields(retiredResident)).toEqual(['retired', 'periodYear']);
  });

  it('E11: a school level only on a SCHOOL registration, and always there; the text names the category', () => {
    const household = validateRegistration(
      residentCommand({ residentCategory: 'HOUSEHOLD', schoolLevel: 'PRIMARY' }),
      TODAY,
    );
    expect(fields(household)).toEqual(['schoolLevel']);
    expect(reasons(household)[0]).toMatchObject({ zh: expect.stringContaining('家庭虚拟户') });
    expect(fields(validateRegistration(residentCommand({ residentCategory: 'SCHOOL' }), TODAY))).toEqual([
      'schoolLevel',
    ]);
  });

  it('E12: expectedGraduation only on a SCHOOL registration, and not before its start', () => {
    expect(fields(validateRegistration(residentCommand({ expectedGraduation: '2028-07-01' }), TODAY))).toEqual([
      'expectedGraduation',
    ]);
    const early = residentCommand({
      residentCategory: 'SCHOOL',
      schoolLevel: 'UNIVERSITY',
      expectedGraduation: '2025-01-01',
    });
    expect(fields(validateRegistration(early, TODAY))).toEqual(['expectedGraduation']);
  });

  it('endDate is not before startDate', () => {
    expect(fields(validateRegistration(employeeCommand({ endDate: '2025-01-01' }), TODAY))).toEqual(['endDate']);
  });

  it('E2: a back-payment (补缴) is an EMPLOYEE period with an endDate before today', () => {
    expect(fields(validateRegistration(employeeCommand({ backPayment: true }), TODAY))).toEqual(['endDate']);
    const notYetEnded = employeeCommand({ backPayment: true, startDate: '2025-01-01', endDate: TODAY });
    expect(fields(validateRegistration(notYetEnded, TODAY))).toEqual(['endDate']);
    const resident = residentCommand({ backPayment: true, startDate: '2025-01-01', endDate: '2025-03-31' });
    expect(fields(validateRegistration(resident, TODAY))).toEqual(['backPayment']);
    const ok = employeeCommand({ backPayment: true, startDate: '2025-01-01', endDate: '2025-03-31' });
    expect(validateRegistration(ok, TODAY).ok).toBe(true);
  });

  it('a Tianjin code is 120000 or 1201xx, and a region code has 6 digits', () => {
    expect(fields(validateRegistration(employeeCommand({ regionCode: '120299' }), TODAY))).toEqual(['regionCode']);
    expect(fields(validateRegistration(employeeCommand({ regionCode: '1201' }), TODAY))).toEqual(['regionCode']);
  });

  it('E10: Tianjin employer staff name their employer', () => {
    expect(fields(validateRegistration(employeeCommand({ unitCode: null }), TODAY))).toEqual(['unitCode']);
    const elsewhere = employeeCommand({ unitCode: null, regionCode: '130100' });
    expect(validateRegistration(elsewhere, TODAY).ok).toBe(true);
  });

  it('decideRegistration refuses malformed input as a programming error (the application validates first)', () => {
    expect(() => decideRegistration(snapshot(), employeeCommand({ endDate: '2025-01-01' }), TODAY, PERIOD)).toThrow(
      DomainInputError,
    );
    expect(() => decideRegistration(snapshot(), residentCommand({ periodYear: 2026 }), TODAY, PERIOD)).toThrow(
      /startDate must fall in periodYear/,
    );
  });
});

describe('validateRegistrationNotice — E5, E8 input', () => {
  const notice = {
    scheme: 'RESIDENT' as const,
    employeeCategory: null,
    residentCategory: 'HOUSEHOLD' as const,
    regionCode: '130100',
    unitCode: null,
    unitName: null,
    startDate: '2025-03-02',
  };

  it('E5: a notice from another region passes, periodYear defaulting to startDate’s year', () => {
    expect(validateRegistrationNotice(notice, TODAY)).toMatchObject({ ok: true, value: { periodYear: 2025 } });
  });

  it('E5: a notice names a region outside Tianjin; its fields are named below the prefix', () => {
    const v = validateRegistrationNotice({ ...notice, regionCode: '120104', residentCategory: null }, TODAY, 'notice.');
    expect(fields(v)).toEqual(['notice.regionCode', 'notice.residentCategory']);
  });

  it('E16: the day of the registration elsewhere is a real date that has come (the consent is compared with it)', () => {
    expect(validateRegistrationNotice({ ...notice, registeredOn: TODAY }, TODAY).ok).toBe(true);
    expect(fields(validateRegistrationNotice({ ...notice, registeredOn: '2099-01-01' }, TODAY))).toEqual([
      'registeredOn',
    ]);
    expect(fields(validateRegistrationNotice({ ...notice, registeredOn: '2025-02-30' }, TODAY))).toEqual([
      'registeredOn',
    ]);
  });
});

describe('validatePerson', () => {
  it('a document other than the resident ID needs a birth date, not after today', () => {
    expect(fields(validatePerson({ idType: 'PASSPORT', birthDate: null }, TODAY))).toEqual(['birthDate']);
    expect(fields(validatePerson({ idType: 'PASSPORT', birthDate: '2030-01-01' }, TODAY))).toEqual(['birthDate']);
    expect(validatePerson({ idType: 'RESIDENT_ID', birthDate: null }, TODAY).ok).toBe(true);
  });
});

describe('validateContribution — E2, E9, E13 facts', () => {
  const paid = {
    scheme: 'RESIDENT' as const,
    employeeCategory: null,
    year: 2025,
    kind: 'NORMAL' as const,
    amountFen: 38000,
    paidOn: '2025-01-10',
  };

  it('a payment in whole fen, for a year it may be for, passes', () => {
    expect(validateContribution(paid, TODAY)).toEqual({ ok: true, value: paid });
  });

  it.each([
    ['12.5 fen', { amountFen: 12.5 }, 'amountFen'],
    ['a negative amount', { amountFen: -100 }, 'amountFen'],
    ['an EMPLOYEE payment without its category', { scheme: 'EMPLOYEE' as const }, 'employeeCategory'],
    ['a RESIDENT payment with an employee category', { employeeCategory: 'FLEXIBLE' as const }, 'employeeCategory'],
    ['a payment dated after today', { paidOn: '2025-07-01' }, 'paidOn'],
    ['a year before 1998', { year: 1990 }, 'year'],
    ['a year two after payment', { year: 2027 }, 'year'],
    ['E9: a prepayment for an earlier year', { kind: 'PREPAYMENT' as const, year: 2024 }, 'year'],
    ['E2: a back-payment for a later year', { kind: 'BACK_PAYMENT' as const, year: 2026 }, 'year'],
  ])('%s is refused', (_, over, field) => {
    expect(fields(validateContribution({ ...paid, ...over }, TODAY))).toEqual([field]);
  });
});

describe('validateRefund — the refund lifts E2 and E9', () => {
  it('a refund is dated no later than today, not before the payment, and recorded once', () => {
    expect(validateRefund('2025-06-01', TODAY, { paidOn: '2025-01-10', refundedOn: null }).ok).toBe(true);
    expect(fields(validateRefund('2025-07-01', TODAY))).toEqual(['refundedOn']);
    expect(fields(validateRefund('2025-01-01', TODAY, { paidOn: '2025-01-10', refundedOn: null }))).toEqual([
      'refundedOn',
    ]);
    expect(fields(validateRefund('2025-06-01', TODAY, { paidOn: '2025-01-10', refundedOn: '2025-02-01' }))).toEqual([
      'contributionId',
    ]);
  });
});

describe('validateCentralisedPeriod — E2, E13', () => {
  it('the period is in order, opens before its insurance year and may run into it (closing within it); the year is 2000–2100', () => {
    expect(validateCentralisedPeriod({ forYear: 2026, from: '2025-09-01', to: '2025-12-31' }).ok).toBe(true);
    expect(validateCentralisedPeriod({ forYear: 2026, from: '2025-09-01', to: '2026-02-28' }).ok).toBe(true);
    expect(fields(validateCentralisedPeriod({ forYear: 2027, from: '2026-12-31', to: '2026-09-01' }))).toEqual(['to']);
    expect(fields(validateCentralisedPeriod({ forYear: 2026, from: '2025-09-01', to: '2027-01-31' }))).toEqual(['to']);
    expect(fields(validateCentralisedPeriod({ forYear: 2026, from: '2026-01-02', to: '2026-03-31' }))).toEqual([
      'from',
    ]);
    expect(fields(validateCentralisedPeriod({ forYear: 1999, from: '1998-09-01', to: '1998-12-31' }))).toEqual([
      'forYear',
    ]);
  });
});

describe('decideResumption — E17 for a clerk’s correction', () => {
  it('E17: a suspended relation resumes when nothing else is active over the same days', () => {
    const suspended = flexible({ id: 'flex', status: 'SUSPENDED', endDate: '2025-05-31' });
    expect(decideResumption(snapshot({ relations: [suspended] }), 'flex', TODAY)).toEqual({ ok: true });
  });

  it('E14: what the newborn batch suspended is not resumed while the child has no ID number', () => {
    const newborn = resident({
      id: 'nb',
      residentCategory: 'NEWBORN',
      status: 'SUSPENDED',
      endDate: '2025-05-31',
      suspensionRule: 'E14',
    });
    const child = person({ idType: 'BIRTH_CERTIFICATE', idNumber: 'O120000001' });
    expect(decideResumption(snapshot({ person: child, relations: [newborn] }), 'nb', TODAY)).toMatchObject({
      ok: false,
      refusal: { rule: 'E14', nextStep: { en: expect.stringContaining('recordNewbornId') } },
    });
    expect(decideResumption(snapshot({ relations: [newborn] }), 'nb', TODAY)).toEqual({ ok: true });
  });

  it('E4: a resident relation is not resumed for a retiree', () => {
    const suspended = resident({ id: 'res', status: 'SUSPENDED', endDate: '2025-05-31' });
    const retiree = employee({ id: 'ret', retired: true });
    expect(decideResumption(snapshot({ relations: [suspended, retiree] }), 'res', TODAY)).toMatchObject({
      ok: false,
      refusal: { rule: 'E4' },
    });
  });

  it('E17: a clash between relations the correction does not touch is not judged', () => {
    const nextYear = resident({
      id: 'x',
      periodYear: 2026,
      startDate: '2026-01-01',
      status: 'SUSPENDED',
      endDate: '2026-01-01',
    });
    const clashing = [resident({ id: 'a', regionCode: HEBEI }), resident({ id: 'b' })];
    expect(decideResumption(snapshot({ relations: [nextYear, ...clashing] }), 'x', TODAY)).toEqual({ ok: true });
  });

  it('E17: resuming would leave two ACTIVE relations on one day: refused with the catalogue text', () => {
    const suspended = resident({ id: 'res', status: 'SUSPENDED', endDate: '2025-05-31' });
    const decision = decideResumption(snapshot({ relations: [suspended, employee({ id: 'emp' })] }), 'res', TODAY);
    expect(decision).toMatchObject({
      ok: false,
      refusal: { rule: 'E17', reason: { en: expect.stringContaining('twice') } },
    });
  });
});
