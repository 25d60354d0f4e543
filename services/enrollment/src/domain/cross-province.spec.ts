import { decideRegistrationNotice, type RegistrationNotice } from './notice';
import { residentRegionOf } from './regions';
import { decideRegistration } from './registration';
import {
  BEIJING,
  HEBEI,
  PERIOD,
  TODAY,
  consent,
  employee,
  employeeCommand,
  flexible,
  person,
  resident,
  residentCommand,
  snapshot,
} from './spec-fixtures';

/** A same-year village registration in Hebei, the unit the default consent names. */
const hebeiVillage = residentCommand({ regionCode: HEBEI, unitCode: 'SJZ-VILLAGE-7', unitName: '石家庄市某村' });
const hebeiNotice: RegistrationNotice = {
  scheme: 'RESIDENT',
  employeeCategory: null,
  residentCategory: 'VILLAGE',
  regionCode: HEBEI,
  unitCode: 'SJZ-VILLAGE-7',
  unitName: '石家庄市某村',
  periodYear: 2025,
  startDate: TODAY,
};
/** Household in Hebei, living in Tianjin: by E6 Hebei wins over Tianjin. */
const movingToHebei = person({ householdRegion: '130102', residenceRegion: '120104' });

describe('E5 — Tianjin resident → another province', () => {
  it('E5: joining next year’s resident scheme elsewhere needs no suspension', () => {
    const command = residentCommand({ regionCode: HEBEI, periodYear: 2026, startDate: '2026-01-01' });
    const decision = decideRegistration(snapshot({ relations: [resident()] }), command, '2025-10-01', PERIOD);
    expect(decision).toEqual({
      ok: true,
      effects: [
        expect.objectContaining({ kind: 'REGISTER', relation: expect.objectContaining({ regionCode: HEBEI }) }),
      ],
      warnings: [],
    });
  });

  it('E5: joining elsewhere in the same year is refused without a suspension or a consent', () => {
    const decision = decideRegistration(
      snapshot({ person: movingToHebei, relations: [resident()] }),
      hebeiVillage,
      TODAY,
      PERIOD,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E5',
        nextStep: expect.objectContaining({ zh: expect.stringContaining('签订《知情同意书》') }),
      }),
    });
  });

  it('E5: with a signed consent the registration elsewhere suspends the Tianjin relation (先参后停)', () => {
    const s = snapshot({ person: movingToHebei, relations: [resident()], consents: [consent()] });
    const decision = decideRegistration(s, hebeiVillage, TODAY, PERIOD);
    expect(decision.ok && decision.effects).toEqual([
      expect.objectContaining({ kind: 'REGISTER' }),
      expect.objectContaining({
        kind: 'SUSPEND',
        relationId: 'r-res',
        regionCode: '120104',
        rule: 'E5',
        consentId: 'c1',
        channel: 'NATIONAL_PLATFORM',
        effectiveDate: TODAY,
      }),
    ]);
  });

  it('E5: once the person has suspended the Tianjin relation, no consent is needed', () => {
    const suspended = resident({ status: 'SUSPENDED', endDate: '2025-06-01' });
    const decision = decideRegistration(
      snapshot({ person: movingToHebei, relations: [suspended] }),
      hebeiVillage,
      TODAY,
      PERIOD,
    );
    expect(decision.ok && decision.effects).toHaveLength(1);
  });

  it('E5: a notice from the national platform with a matching consent suspends the Tianjin relation automatically', () => {
    const s = snapshot({ person: movingToHebei, relations: [resident()], consents: [consent()] });
    expect(decideRegistrationNotice(s, hebeiNotice, TODAY)).toEqual({
      suspended: true,
      effects: [expect.objectContaining({ kind: 'SUSPEND', relationId: 'r-res', rule: 'E5', consentId: 'c1' })],
    });
  });

  it('E5: a notice without a consent suspends nothing and says why', () => {
    const outcome = decideRegistrationNotice(
      snapshot({ person: movingToHebei, relations: [resident()] }),
      hebeiNotice,
      TODAY,
    );
    expect(outcome).toEqual({
      suspended: false,
      why: 'NO_CONSENT',
      rule: 'E5',
      message: expect.objectContaining({ en: expect.stringContaining('needs its suspension or a signed consent') }),
      nextStep: expect.anything(),
      insuredTwice: true,
    });
  });

  it('E5: a consent naming another original unit does not authorise the suspension', () => {
    const s = snapshot({
      person: movingToHebei,
      relations: [resident()],
      consents: [consent({ originalUnitCode: 'SOMEWHERE-ELSE' })],
    });
    expect(decideRegistrationNotice(s, hebeiNotice, TODAY)).toMatchObject({
      suspended: false,
      why: 'CONSENT_MISMATCH',
    });
  });

  it('E5: a notice of next year’s registration elsewhere needs no suspension', () => {
    const nextYear = { ...hebeiNotice, periodYear: 2026, startDate: '2026-01-01' };
    expect(decideRegistrationNotice(snapshot({ relations: [resident()] }), nextYear, '2025-10-01')).toMatchObject({
      suspended: false,
      why: 'NO_OVERLAP',
      insuredTwice: false,
    });
  });
});

describe('E6 — 学籍地 > 户籍地 > 居住地', () => {
  it('E6: residentRegionOf prefers the school region, then the household region, then the residence', () => {
    expect(residentRegionOf(person({ schoolRegion: BEIJING, householdRegion: HEBEI }))).toBe(BEIJING);
    expect(residentRegionOf(person({ schoolRegion: null, householdRegion: HEBEI, residenceRegion: '120104' }))).toBe(
      HEBEI,
    );
    expect(residentRegionOf(person({ householdRegion: null, residenceRegion: '120104' }))).toBe('120104');
  });

  it('E6: a student at school in Tianjin with household in Hebei is kept in Tianjin, even with a consent', () => {
    const student = person({ schoolRegion: '120104', householdRegion: '130102' });
    const s = snapshot({
      person: student,
      relations: [resident({ residentCategory: 'SCHOOL', schoolLevel: 'UNIVERSITY' })],
      consents: [consent()],
    });
    const decision = decideRegistration(s, hebeiVillage, TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E6',
        nextStep: expect.objectContaining({ zh: expect.stringContaining('异地就医') }),
      }),
    });
  });

  it('E6: a notice for a person kept in Tianjin by the order does not suspend the Tianjin relation', () => {
    const livesInHebei = person({ householdRegion: '120104', residenceRegion: '130102' });
    const s = snapshot({ person: livesInHebei, relations: [resident()], consents: [consent()] });
    expect(decideRegistrationNotice(s, hebeiNotice, TODAY)).toMatchObject({
      suspended: false,
      why: 'KEPT_BY_PRIORITY',
      rule: 'E6',
      insuredTwice: true,
    });
  });

  it('E6: the order applies to resident registrations only — an employee job elsewhere suspends with a consent', () => {
    const livesInHebei = person({ householdRegion: '120104', residenceRegion: '130102' });
    const job = employeeCommand({ regionCode: HEBEI, unitCode: 'SJZ-VILLAGE-7' });
    const s = snapshot({ person: livesInHebei, relations: [resident()], consents: [consent()] });
    const decision = decideRegistration(s, job, TODAY, PERIOD);
    expect(decision.ok && decision.effects.map((e) => e.kind)).toEqual(['REGISTER', 'SUSPEND']);
  });
});

describe('E7 — Tianjin employee → another province', () => {
  it('E7: a flexible employee must suspend the Tianjin relation before registering elsewhere', () => {
    const decision = decideRegistration(
      snapshot({ relations: [flexible()] }),
      employeeCommand({ regionCode: BEIJING }),
      TODAY,
      PERIOD,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E7',
        nextStep: expect.objectContaining({
          en: 'apply to suspend the Tianjin employee relation first, then register elsewhere',
        }),
      }),
    });
  });

  it('E7: employer staff whose employer has not stopped keep the employment relation, consent or not', () => {
    const s = snapshot({ relations: [employee()], consents: [consent({ originalUnitCode: employee().unitCode })] });
    const decision = decideRegistration(s, hebeiVillage, TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E7',
        reason: expect.objectContaining({ zh: expect.stringContaining('保留就业地参保关系') }),
        nextStep: expect.objectContaining({ en: expect.stringContaining('the employer must suspend') }),
      }),
    });
  });

  it('E7: a notice never suspends a Tianjin employee relation', () => {
    const s = snapshot({ relations: [employee()], consents: [consent({ originalUnitCode: employee().unitCode })] });
    expect(decideRegistrationNotice(s, hebeiNotice, TODAY)).toMatchObject({
      suspended: false,
      why: 'EMPLOYEE_RELATION',
      rule: 'E7',
      insuredTwice: true,
    });
  });

  it('E7: once the employee relation is suspended the registration elsewhere goes through', () => {
    const stopped = employee({ status: 'SUSPENDED', endDate: '2025-05-31' });
    expect(
      decideRegistration(snapshot({ relations: [stopped] }), employeeCommand({ regionCode: BEIJING }), TODAY, PERIOD)
        .ok,
    ).toBe(true);
  });
});

describe('E8 — another province → Tianjin', () => {
  const hebeiResident = resident({ id: 'r-hebei', regionCode: HEBEI, unitCode: 'SJZ-HH-1', unitName: '石家庄家庭户' });
  const hebeiEmployee = employee({ id: 'r-hebei-emp', regionCode: HEBEI, unitCode: 'SJZ-EMP-1' });
  const tianjinConsent = consent({ originalUnitCode: 'SJZ-HH-1', newUnitCode: 'VILLAGE-120104-9' });

  it('E8: a resident relation elsewhere with a consent is suspended by the Tianjin registration', () => {
    const s = snapshot({ relations: [hebeiResident], consents: [tianjinConsent] });
    const decision = decideRegistration(s, residentCommand(), TODAY, PERIOD);
    expect(decision.ok && decision.effects).toEqual([
      expect.objectContaining({ kind: 'REGISTER' }),
      expect.objectContaining({
        kind: 'SUSPEND',
        relationId: 'r-hebei',
        regionCode: HEBEI,
        rule: 'E8',
        consentId: 'c1',
      }),
    ]);
  });

  it('E8: a resident relation elsewhere without a consent must be suspended there first', () => {
    const decision = decideRegistration(snapshot({ relations: [hebeiResident] }), residentCommand(), TODAY, PERIOD);
    expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'E8' }) });
  });

  it('E8: an employee relation elsewhere must be suspended there first, whatever the consents', () => {
    const s = snapshot({
      relations: [hebeiEmployee],
      consents: [consent({ originalUnitCode: 'SJZ-EMP-1', newUnitCode: '91120000MA05000000' })],
    });
    const decision = decideRegistration(s, employeeCommand(), TODAY, PERIOD);
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E8',
        nextStep: expect.objectContaining({ en: expect.stringContaining('a transfer may then be applied for online') }),
      }),
    });
  });

  it('E8: next year’s Tianjin resident registration needs no suspension of this year’s relation elsewhere', () => {
    const command = residentCommand({ periodYear: 2026, startDate: '2026-01-01' });
    const decision = decideRegistration(snapshot({ relations: [hebeiResident] }), command, '2025-10-01', PERIOD);
    expect(decision.ok && decision.effects).toHaveLength(1);
  });
});

describe('E4 / E6 / E16 on a registration elsewhere', () => {
  it('E4: a retiree’s registration elsewhere is reported as E4, not E7: the retiree relation stays active', () => {
    const retiree = employee({ retired: true });
    const outcome = decideRegistrationNotice(
      snapshot({ person: movingToHebei, relations: [retiree] }),
      hebeiNotice,
      TODAY,
    );
    expect(outcome).toMatchObject({ suspended: false, rule: 'E4', why: 'RETIREE_RELATION', insuredTwice: true });
    const employeeThere = employeeCommand({ regionCode: HEBEI, unitCode: 'HB-EMP' });
    const decision = decideRegistration(snapshot({ relations: [retiree] }), employeeThere, TODAY, PERIOD);
    expect(decision).toMatchObject({ ok: false, refusal: { rule: 'E4' } });
  });

  it('E6: ties are compared by pooling region, not province: a Shijiazhuang household is no tie to Baoding', () => {
    const baoding = { ...hebeiNotice, regionCode: '130602' };
    const s = snapshot({ person: movingToHebei, relations: [resident()], consents: [consent()] });
    expect(decideRegistrationNotice(s, baoding, TODAY)).toMatchObject({ suspended: false, why: 'KEPT_BY_PRIORITY' });
    expect(decideRegistrationNotice(s, hebeiNotice, TODAY)).toMatchObject({ suspended: true });
  });

  it('E16: a used consent, or one signed after the registration, authorises nothing; an incomplete online one says CONSENT_INVALID', () => {
    const tj = resident();
    const notice = (c: ReturnType<typeof consent>, over: Partial<RegistrationNotice> = {}) =>
      decideRegistrationNotice(
        snapshot({ person: movingToHebei, relations: [tj], consents: [c] }),
        { ...hebeiNotice, ...over },
        TODAY,
      );
    expect(notice(consent({ usedForRelationId: 'r-old' }))).toMatchObject({ suspended: false, why: 'CONSENT_USED' });
    expect(notice(consent({ signedAt: '2025-06-12T09:00:00+08:00' }), { registeredOn: '2025-06-11' })).toMatchObject({
      suspended: false,
      why: 'CONSENT_SIGNED_AFTER',
    });
    // signed on the day of the registration, China time (01:00 in Beijing is the day before in UTC)
    expect(notice(consent({ signedAt: '2025-06-11T01:00:00+08:00' }), { registeredOn: '2025-06-11' })).toMatchObject({
      suspended: true,
    });
    const online = consent({ originalUnitName: null, originalUnitCode: null, newUnitName: null, newUnitCode: null });
    expect(notice(online)).toMatchObject({ suspended: false, why: 'CONSENT_INVALID' });
  });
});
