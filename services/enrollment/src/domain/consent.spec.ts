import { CONSENT_PROMISE_ZH, decideConsentCompletion, validateConsent } from './consent';
import { decideRegistrationNotice } from './notice';
import { HEBEI, TODAY, consent, person, resident, snapshot } from './spec-fixtures';

const fields = (result: ReturnType<typeof validateConsent>) => (result.ok ? [] : result.problems.map((p) => p.field));

describe('E16 — informed consent (知情同意书)', () => {
  it('E16: a complete consent, signed online or at a counter, is valid', () => {
    expect(validateConsent(consent())).toEqual({ ok: true });
    expect(validateConsent(consent({ channel: 'COUNTER', phone: '022-23456789' }))).toEqual({ ok: true });
  });

  it('E16: every missing required field is reported at once', () => {
    const result = validateConsent(
      consent({
        name: ' ',
        phone: '',
        idNumber: '',
        originalUnitCode: null,
        newUnitName: null,
        signature: '',
        signedAt: '',
      }),
    );
    expect(fields(result)).toEqual([
      'name',
      'phone',
      'idNumber',
      'originalUnitCode',
      'newUnitName',
      'signature',
      'signedAt',
    ]);
    expect(result.ok ? null : result.problems[0]?.reason).toEqual({ zh: '未填写姓名', en: 'name is missing' });
  });

  it('E16: shapes are checked — phone, resident ID, date-time, channel, the promise text, two distinct units', () => {
    const result = validateConsent(
      consent({
        phone: '12345',
        idNumber: '11010519491231002',
        signedAt: '2025-06-10',
        channel: 'FAX' as never,
        promiseText: '同意',
        newUnitCode: 'HH120104001',
      }),
    );
    expect(fields(result)).toEqual(['phone', 'idNumber', 'newUnitCode', 'promiseText', 'signedAt', 'channel']);
  });

  it('E16: the promise text is the template’s, whitespace aside', () => {
    expect(validateConsent(consent({ promiseText: `  ${CONSENT_PROMISE_ZH.replace('\n', '\n\n    ')} ` }))).toEqual({
      ok: true,
    });
  });

  it('E16: before the agency fills the unit fields, the person’s part can be checked alone', () => {
    const signedOnly = consent({
      originalUnitName: null,
      originalUnitCode: null,
      newUnitName: null,
      newUnitCode: null,
    });
    expect(validateConsent(signedOnly, { requireAgencyFields: false })).toEqual({ ok: true });
    expect(validateConsent(signedOnly).ok).toBe(false);
  });

  it('E16: a consent lacking required fields does not authorise the automatic suspension', () => {
    const s = snapshot({
      person: person({ householdRegion: '130102', residenceRegion: '120104' }),
      relations: [resident()],
      consents: [consent({ signature: '' })],
    });
    const notice = {
      scheme: 'RESIDENT' as const,
      employeeCategory: null,
      residentCategory: 'VILLAGE' as const,
      regionCode: HEBEI,
      unitCode: 'SJZ-VILLAGE-7',
      unitName: '石家庄市某村',
      periodYear: 2025,
      startDate: TODAY,
    };
    expect(decideRegistrationNotice(s, notice, TODAY)).toMatchObject({
      suspended: false,
      why: 'CONSENT_INVALID',
      rule: 'E5',
    });
  });
});

describe('E16 — the agency completes an online consent', () => {
  const units = {
    originalUnitName: '南开区家庭虚拟户',
    originalUnitCode: 'HH120104001',
    newUnitName: '石家庄市某村',
    newUnitCode: 'SJZ-VILLAGE-7',
  };
  const online = consent({ originalUnitName: null, originalUnitCode: null, newUnitName: null, newUnitCode: null });

  it('E16: the units are filled in and the completed form is checked in full', () => {
    expect(decideConsentCompletion(online, units)).toMatchObject({
      ok: true,
      consent: units,
      validation: { ok: true },
    });
    const same = decideConsentCompletion(online, { ...units, newUnitCode: 'HH120104001' });
    expect(same.ok && !same.validation.ok && same.validation.problems.map((p) => p.field)).toEqual(['newUnitCode']);
  });

  it('E16: a consent already complete, or already used, is refused from the catalogue', () => {
    expect(decideConsentCompletion(consent(), units)).toMatchObject({ ok: false, refusal: { rule: 'E16' } });
    expect(decideConsentCompletion({ ...online, usedForRelationId: 'r1' }, units)).toMatchObject({
      ok: false,
      refusal: { rule: 'E16', reason: { en: expect.stringContaining('one suspension') } },
    });
  });
});
