import { EMPLOYER, HEBEI, TODAY, employee, flexible, person, resident, snapshot } from './spec-fixtures';
import { decideSuspension } from './suspension';
import { SuspensionChannel } from './types';

const self = { kind: 'PERSON', personId: 'p1' } as const;
/** A Tianjin resident whose household and residence are now in Hebei: E6 does not keep them in Tianjin. */
const movedAway = person({ householdRegion: HEBEI, residenceRegion: HEBEI });

describe('E15 — suspension on application, any channel', () => {
  it.each(Object.values(SuspensionChannel))(
    'E15: a person suspends their own resident relation through %s, channel recorded',
    (channel) => {
      const decision = decideSuspension(
        snapshot({ person: movedAway, relations: [resident()] }),
        { relationId: 'r-res', applicant: self, channel },
        TODAY,
      );
      expect(decision).toEqual({
        ok: true,
        effects: [
          expect.objectContaining({
            kind: 'SUSPEND',
            relationId: 'r-res',
            rule: 'E15',
            channel,
            applicant: self,
            effectiveDate: TODAY,
            coveredUntil: null,
          }),
        ],
        warnings: [],
      });
    },
  );

  it('E15: an employer suspends its own staff; the employee relation stays covered to the month end (E3)', () => {
    const decision = decideSuspension(
      snapshot({ relations: [employee()] }),
      { relationId: 'r-emp', applicant: { kind: 'EMPLOYER', unitCode: EMPLOYER }, channel: 'EMPLOYER_WEB_HALL' },
      TODAY,
    );
    expect(decision.ok && decision.effects).toEqual([
      expect.objectContaining({ rule: 'E15', coveredUntil: '2025-06-30', channel: 'EMPLOYER_WEB_HALL' }),
    ]);
  });

  it('E15: a flexible employee suspends their own relation', () => {
    const decision = decideSuspension(
      snapshot({ relations: [flexible()] }),
      { relationId: 'r-flex', applicant: self, channel: 'JIN_YIBAO_APP' },
      TODAY,
    );
    expect(decision.ok && decision.effects[0]).toMatchObject({ relationId: 'r-flex', coveredUntil: '2025-06-30' });
  });

  it('E15: an employer cannot suspend another employer’s staff, nor a resident relation', () => {
    const other = { kind: 'EMPLOYER', unitCode: '91120000MA05000000' } as const;
    const s = snapshot({ relations: [employee(), resident()] });
    for (const relationId of ['r-emp', 'r-res']) {
      const decision = decideSuspension(
        s,
        {
          relationId,
          applicant: relationId === 'r-res' ? { kind: 'EMPLOYER', unitCode: EMPLOYER } : other,
          channel: 'EMPLOYER_WEB_HALL',
        },
        TODAY,
      );
      expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'E15' }) });
    }
  });

  it('E15: nobody suspends someone else’s relation', () => {
    const decision = decideSuspension(
      snapshot({ relations: [resident()] }),
      { relationId: 'r-res', applicant: { kind: 'PERSON', personId: 'p2' }, channel: 'AGENCY_COUNTER' },
      TODAY,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E15',
        reason: expect.objectContaining({ en: 'a person may only suspend their own relation' }),
      }),
    });
  });

  it('E15: a relation already suspended, or held in another region, is not suspended here', () => {
    const s = snapshot({
      relations: [
        resident({ status: 'SUSPENDED', endDate: '2025-05-01' }),
        resident({ id: 'r-hebei', regionCode: HEBEI }),
      ],
    });
    expect(
      decideSuspension(s, { relationId: 'r-res', applicant: self, channel: 'AGENCY_COUNTER' }, TODAY),
    ).toMatchObject({
      ok: false,
      refusal: { rule: 'E15', nextStep: { en: 'nothing to do' } },
    });
    expect(
      decideSuspension(s, { relationId: 'r-hebei', applicant: self, channel: 'NATIONAL_PLATFORM' }, TODAY),
    ).toMatchObject({
      ok: false,
      refusal: { rule: 'E15', reason: { en: expect.stringContaining('another region') } },
    });
  });

  it('E15: a relation that has not started yet (next year’s, paid in the centralised period) is suspended from its start', () => {
    const nextYear = resident({ id: 'r-2026', periodYear: 2026, startDate: '2026-01-01' });
    const decision = decideSuspension(
      snapshot({ person: movedAway, relations: [nextYear] }),
      { relationId: 'r-2026', applicant: self, channel: 'JIN_YIBAO_APP' },
      '2025-10-10',
    );
    expect(decision.ok && decision.effects[0]).toMatchObject({ effectiveDate: '2026-01-01' });
  });
});

describe('E4 — a retiree’s employee relation stays ACTIVE', () => {
  it('E4: a retiree’s own application to suspend the employee relation is refused with the next step', () => {
    const retiree = employee({ retired: true });
    for (const applicant of [self, { kind: 'EMPLOYER', unitCode: EMPLOYER } as const]) {
      const decision = decideSuspension(
        snapshot({ relations: [retiree] }),
        { relationId: 'r-emp', applicant, channel: 'AGENCY_COUNTER' },
        TODAY,
      );
      expect(decision).toMatchObject({
        ok: false,
        refusal: {
          rule: 'E4',
          reason: { zh: expect.stringContaining('正常参保') },
          nextStep: { zh: expect.any(String) },
        },
      });
    }
  });
});

describe('E6 — 学籍地 > 户籍地 > 居住地 on a suspension application', () => {
  it('E6: a student at school in Tianjin cannot suspend the Tianjin resident relation in the app', () => {
    const student = person({ schoolRegion: '120104', householdRegion: HEBEI, residenceRegion: HEBEI });
    const school = resident({ residentCategory: 'SCHOOL', schoolLevel: 'UNIVERSITY', unitCode: 'NKU' });
    const decision = decideSuspension(
      snapshot({ person: student, relations: [school] }),
      { relationId: 'r-res', applicant: self, channel: 'JIN_YIBAO_APP' },
      TODAY,
    );
    expect(decision).toMatchObject({ ok: false, refusal: { rule: 'E6' } });
  });

  it('E6: a household in Tianjin keeps the relation too; a person whose first tie is elsewhere may suspend', () => {
    const apply = (p: ReturnType<typeof person>) =>
      decideSuspension(
        snapshot({ person: p, relations: [resident()] }),
        { relationId: 'r-res', applicant: self, channel: 'JIN_YIBAO_APP' },
        TODAY,
      );
    expect(apply(person({ householdRegion: '120104', residenceRegion: HEBEI }))).toMatchObject({
      ok: false,
      refusal: { rule: 'E6' },
    });
    expect(apply(person({ schoolRegion: HEBEI, householdRegion: '120104' }))).toMatchObject({ ok: true });
    expect(apply(person({ householdRegion: null, residenceRegion: null }))).toMatchObject({ ok: true });
  });

  it('E6: an employee relation is not held by the priority order', () => {
    const decision = decideSuspension(
      snapshot({ relations: [flexible()] }),
      { relationId: 'r-flex', applicant: self, channel: 'JIN_YIBAO_APP' },
      TODAY,
    );
    expect(decision.ok).toBe(true);
  });
});

describe('E7 — the employer’s rule', () => {
  it('E7: a person’s own application to suspend an employer-staff relation is refused: the employer applies', () => {
    const decision = decideSuspension(
      snapshot({ relations: [employee()] }),
      { relationId: 'r-emp', applicant: self, channel: 'PERSONAL_WEB_HALL' },
      TODAY,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        rule: 'E7',
        nextStep: { zh: '请联系参保单位办理暂停职工医保参保关系', en: 'ask the employer to suspend the relation' },
      }),
    });
  });
});
