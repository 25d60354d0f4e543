import { validateInfoSheet } from './documents';
import { infoSheet } from './spec-fixtures';
import { validateApplication, validateReceivedLetter } from './validation';

const application = (over: Partial<Parameters<typeof validateApplication>[0]> = {}) => ({
  sourceRegion: '130102',
  destinationRegion: '120104',
  mode: 'POSTAL' as const,
  channel: 'AGENCY_COUNTER' as const,
  otherRegion: null,
  ...over,
});

describe('T1/T3 — what an application must be before anything is read', () => {
  it.each([
    ['an unknown source region', { sourceRegion: '999999' }, ['sourceRegion']],
    ['a retired region code', { destinationRegion: '120107' }, ['destinationRegion']],
    ['destination = source', { destinationRegion: '130102' }, ['destinationRegion']],
    ['two Tianjin districts', { sourceRegion: '120101' }, ['destinationRegion']],
    ['no Tianjin side', { destinationRegion: '110105' }, ['destinationRegion']],
    [
      'a postal outbound application (it starts with a letter)',
      { sourceRegion: '120104', destinationRegion: '130102' },
      ['mode'],
    ],
    [
      'a year that is none',
      { otherRegion: { status: 'TERMINATED' as const, periodYear: 12 } },
      ['otherRegion.periodYear'],
    ],
  ])('T3: %s is refused by field', (_what, over, fields) => {
    expect(validateApplication(application(over)).map((p) => p.field)).toEqual(fields);
  });

  it('T3: a well-formed application passes; several problems are reported together', () => {
    expect(validateApplication(application())).toEqual([]);
    expect(
      validateApplication(application({ sourceRegion: '999999', destinationRegion: '999999' })).map((p) => p.field),
    ).toEqual(['sourceRegion', 'destinationRegion', 'destinationRegion']);
  });
});

describe('T9 — the received contact letter, and the sheet against today', () => {
  it('T9: a letter needs its number and agency, and dates in order, not in the future', () => {
    const ok = {
      letterNo: '冀医保联〔2026〕88',
      issuingAgency: '石家庄市医保局',
      issuedOn: '2026-06-01',
      receivedOn: '2026-06-05',
    };
    expect(validateReceivedLetter(ok, '2026-06-15')).toEqual([]);
    expect(
      validateReceivedLetter(
        { letterNo: ' ', issuingAgency: '', issuedOn: '2026-06-10', receivedOn: '2026-06-20' },
        '2026-06-15',
      ).map((p) => p.field),
    ).toEqual(['letter.letterNo', 'letter.issuingAgency', 'letter.receivedOn']);
    expect(validateReceivedLetter({ ...ok, issuedOn: '2026-06-09' }, '2026-06-15').map((p) => p.field)).toEqual([
      'letter.issuedOn',
    ]);
  });

  it('T6: a sheet issued after today, without a number or with an unknown region is refused by field', () => {
    const bad = infoSheet({
      sheetNo: '',
      issuedOn: '2026-07-01',
      periods: [
        { from: '2020-01-01', to: '2020-12-31', scheme: 'EMPLOYEE', regionCode: '999999', unitName: null, months: 12 },
      ],
    });
    expect(validateInfoSheet(bad, '2026-06-15').map((p) => p.field)).toEqual([
      'infoSheet.sheetNo',
      'infoSheet.issuedOn',
      'infoSheet.periods.0.regionCode',
    ]);
  });
});
