import { precheck, kindOf } from './precheck';
import { NANKAI, SHIJIAZHUANG, TODAY, inbound, outbound, relation, residentRelation } from './spec-fixtures';
import { DomainInputError } from './types';

const rules = (r: ReturnType<typeof precheck>) => r.problems.map((p) => p.rule);

describe('T1 — who and what is transferred', () => {
  it('T1: an outbound transfer needs a Tianjin relation of the scheme left', () => {
    const r = precheck(outbound(), [], TODAY);
    expect(rules(r)).toEqual(['T1']);
    expect(r.problems[0]?.reason.en).toContain('no Tianjin employee scheme relation');
  });

  it('T1: destination = source, both sides in Tianjin or none is malformed input (the edge refuses it first)', () => {
    expect(() => precheck(inbound({ sourceRegion: NANKAI }), [], TODAY)).toThrow(DomainInputError);
    expect(() => precheck(inbound({ sourceRegion: '120101' }), [], TODAY)).toThrow(DomainInputError);
    expect(() => precheck(inbound({ destinationRegion: '110105' }), [], TODAY)).toThrow(DomainInputError);
  });
});

describe('T2 — within a scheme and across schemes', () => {
  it('T2: employee → employee and resident → resident are within a scheme; the others across schemes', () => {
    expect(kindOf('EMPLOYEE', 'EMPLOYEE')).toBe('WITHIN_SCHEME');
    expect(kindOf('RESIDENT', 'RESIDENT')).toBe('WITHIN_SCHEME');
    expect(kindOf('EMPLOYEE', 'RESIDENT')).toBe('ACROSS_SCHEMES');
    expect(kindOf('RESIDENT', 'EMPLOYEE')).toBe('ACROSS_SCHEMES');
  });

  it('T2: resident → resident into Tianjin is refused in the current year: next year’s enrolment is needed', () => {
    const app = inbound({
      fromScheme: 'RESIDENT',
      toScheme: 'RESIDENT',
      applicant: { kind: 'PERSON', personId: 'p1' },
      otherRegion: { status: 'SUSPENDED', periodYear: 2026 },
    });
    const thisYear = precheck(app, [residentRelation({ periodYear: 2026 })], TODAY);
    expect(rules(thisYear)).toEqual(['T2']);
    const nextYear = precheck(
      app,
      [residentRelation({ relationId: 'r-2027', periodYear: 2027, startDate: '2027-01-01' })],
      TODAY,
    );
    expect(nextYear.problems).toEqual([]);
    expect(nextYear.tianjinRelation?.relationId).toBe('r-2027');
  });

  it('T2: resident → resident out of Tianjin needs next year’s enrolment at the destination', () => {
    const app = outbound({
      fromScheme: 'RESIDENT',
      toScheme: 'RESIDENT',
      otherRegion: { status: 'ACTIVE', periodYear: 2026 },
    });
    const held = [residentRelation({ status: 'SUSPENDED', endDate: '2026-05-31' })];
    expect(rules(precheck(app, held, TODAY))).toEqual(['T2']);
    expect(precheck({ ...app, otherRegion: { status: 'ACTIVE', periodYear: 2027 } }, held, TODAY).problems).toEqual([]);
  });

  it('T2: employee → resident into Tianjin: source employee terminated, Tianjin resident enrolled', () => {
    const app = inbound({ toScheme: 'RESIDENT', applicant: { kind: 'PERSON', personId: 'p1' } });
    expect(precheck(app, [residentRelation()], TODAY).problems).toEqual([]);
  });

  it('T2: resident → employee out of Tianjin: the Tianjin resident relation suspended is enough', () => {
    const app = outbound({ fromScheme: 'RESIDENT', toScheme: 'EMPLOYEE' });
    expect(precheck(app, [residentRelation({ status: 'SUSPENDED' })], TODAY).problems).toEqual([]);
  });
});

describe('T4 — the applicant', () => {
  it('T4: an employer-staff member’s inbound transfer is applied for by that employer', () => {
    const staff = [relation()];
    expect(precheck(inbound(), staff, TODAY).problems).toEqual([]);
    const byPerson = precheck(inbound({ applicant: { kind: 'PERSON', personId: 'p1' } }), staff, TODAY);
    expect(rules(byPerson)).toEqual(['T4']);
    const otherEmployer = precheck(
      inbound({ applicant: { kind: 'EMPLOYER', unitCode: '91120000MA0XXXXXXX' } }),
      staff,
      TODAY,
    );
    expect(rules(otherEmployer)).toEqual(['T4']);
  });

  it('T4: flexible employment and residents apply themselves, not an employer, nor someone else', () => {
    const flexible = [relation({ employeeCategory: 'FLEXIBLE', unitCode: 'FLEX120104' })];
    expect(precheck(inbound({ applicant: { kind: 'PERSON', personId: 'p1' } }), flexible, TODAY).problems).toEqual([]);
    expect(rules(precheck(inbound(), flexible, TODAY))).toEqual(['T4']);
    expect(rules(precheck(inbound({ applicant: { kind: 'PERSON', personId: 'p2' } }), flexible, TODAY))).toEqual([
      'T4',
    ]);
  });
});

describe('T5 — the pre-check, every reason at once', () => {
  it('T5: inbound: the person must be enrolled in Tianjin in the scheme joined', () => {
    expect(rules(precheck(inbound(), [], TODAY))).toEqual(['T5', 'T4']);
    const suspended = precheck(inbound(), [relation({ status: 'SUSPENDED' })], TODAY);
    expect(suspended.problems[0]).toMatchObject({
      rule: 'T5',
      reason: { en: expect.stringContaining('not enrolled in Tianjin') },
    });
  });

  it('T5: inbound: an employee relation at the source must be terminated, a resident one suspended', () => {
    const staff = [relation()];
    expect(rules(precheck(inbound({ otherRegion: { status: 'SUSPENDED', periodYear: 2026 } }), staff, TODAY))).toEqual([
      'T5',
    ]);
    expect(rules(precheck(inbound({ otherRegion: { status: 'ACTIVE', periodYear: 2026 } }), staff, TODAY))).toEqual([
      'T5',
    ]);
    const resident = inbound({ fromScheme: 'RESIDENT', otherRegion: { status: 'SUSPENDED', periodYear: 2026 } });
    expect(precheck(resident, staff, TODAY).problems).toEqual([]);
    expect(rules(precheck({ ...resident, otherRegion: { status: 'ACTIVE', periodYear: 2026 } }, staff, TODAY))).toEqual(
      ['T5'],
    );
  });

  it('T5: inbound: the projection’s relation at the source wins over the attestation; without either, the check cannot pass', () => {
    const known = relation({
      relationId: 'r-hb',
      regionCode: SHIJIAZHUANG,
      status: 'ACTIVE',
      unitName: '石家庄某公司',
    });
    const r = precheck(inbound(), [relation(), known], TODAY);
    expect(r.problems).toEqual([
      expect.objectContaining({
        rule: 'T5',
        reason: expect.objectContaining({ zh: expect.stringContaining('石家庄某公司') }),
      }),
    ]);
    expect(rules(precheck(inbound({ otherRegion: null }), [relation()], TODAY))).toEqual(['T5']);
  });

  it('T5: outbound: the Tianjin employee relation must be terminated, the resident one suspended', () => {
    expect(rules(precheck(outbound(), [relation()], TODAY))).toEqual(['T5']);
    expect(rules(precheck(outbound(), [relation({ status: 'SUSPENDED' })], TODAY))).toEqual(['T5']);
    expect(precheck(outbound(), [relation({ status: 'TERMINATED' })], TODAY).problems).toEqual([]);
    const res = outbound({ fromScheme: 'RESIDENT' });
    expect(rules(precheck(res, [residentRelation()], TODAY))).toEqual(['T5']);
    expect(precheck(res, [residentRelation({ status: 'SUSPENDED' })], TODAY).problems).toEqual([]);
  });

  it('T5: outbound: the person must be enrolled at the destination', () => {
    const left = [relation({ status: 'TERMINATED' })];
    expect(rules(precheck(outbound({ otherRegion: { status: 'SUSPENDED', periodYear: 2026 } }), left, TODAY))).toEqual([
      'T5',
    ]);
    expect(rules(precheck(outbound({ otherRegion: null }), left, TODAY))).toEqual(['T5']);
    const there = relation({ relationId: 'r-hb', regionCode: SHIJIAZHUANG, status: 'ACTIVE' });
    expect(precheck(outbound({ otherRegion: null }), [...left, there], TODAY).problems).toEqual([]);
  });

  it('T5: every reason at once (一次性告知): veteran, not enrolled, source active, wrong applicant', () => {
    const r = precheck(
      inbound({
        veteran: true,
        otherRegion: { status: 'ACTIVE', periodYear: 2026 },
        applicant: { kind: 'PERSON', personId: 'p2' },
      }),
      [],
      TODAY,
    );
    expect(rules(r)).toEqual(['T13', 'T5', 'T5', 'T4']);
    for (const p of r.problems) {
      expect(p.reason.zh).not.toBe('');
      expect(p.nextStep.en).not.toBe('');
    }
  });

  it('T5: the handling district is the Tianjin district of the transfer, or the district of the relation for 120000', () => {
    expect(precheck(inbound(), [relation()], TODAY).handlingDistrict).toBe(NANKAI);
    expect(precheck(inbound({ destinationRegion: '120000' }), [relation()], TODAY).handlingDistrict).toBe(NANKAI);
  });
});

describe('T13 — veterans', () => {
  it('T13: a veteran’s transfer is refused with the military rules as the reason, even when all else passes', () => {
    const r = precheck(inbound({ veteran: true }), [relation()], TODAY);
    expect(r.problems).toEqual([
      expect.objectContaining({
        rule: 'T13',
        reason: expect.objectContaining({ zh: expect.stringContaining('军地') }),
      }),
    ]);
  });
});
