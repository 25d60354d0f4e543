import { agencyOf, validateInfoSheet } from './documents';
import { canonicalJson, sealedContent } from './seal';
import { infoSheet } from './spec-fixtures';
import { DomainInputError } from './types';

describe('T6/T9 — the information sheet as data', () => {
  it('T9: a consistent sheet passes; every inconsistency is reported at once, by field', () => {
    expect(validateInfoSheet(infoSheet())).toEqual([]);
    const bad = validateInfoSheet(
      infoSheet({
        actualMonths: 10,
        deemedMonths: 5,
        cumulativeMonths: 16,
        accountBalanceFen: -1,
        periods: [
          {
            from: '2026-03-01',
            to: '2026-01-01',
            scheme: 'EMPLOYEE',
            regionCode: '130102',
            unitName: null,
            months: 1.5,
          },
        ],
      }),
    );
    expect(bad.map((p) => p.field)).toEqual([
      'infoSheet.cumulativeMonths',
      'infoSheet.accountBalanceFen',
      'infoSheet.periods.0.to',
      'infoSheet.periods.0.months',
    ]);
  });

  it('T1: the resident scheme has no personal account: a balance on a resident sheet is refused', () => {
    expect(validateInfoSheet(infoSheet({ scheme: 'RESIDENT', accountBalanceFen: 5 })).map((p) => p.field)).toEqual([
      'infoSheet.accountBalanceFen',
    ]);
  });

  it('T6: agencies are named from the region code: a Tianjin district branch, an agency elsewhere', () => {
    expect(agencyOf('120104').name).toBe('天津市南开区医疗保障分中心');
    expect(agencyOf('120000').name).toBe('天津市医疗保障基金管理中心');
    expect(agencyOf('130102').name).toContain('石家庄市');
  });
});

describe('T9 — the electronic seal’s canonical form', () => {
  it('T9: keys sorted, no whitespace, whatever order the content was built in', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: '中', y: undefined } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"z":"中"}}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('T9: fractions and non-finite numbers are refused (fen and months are whole)', () => {
    expect(() => canonicalJson({ fen: 1.5 })).toThrow(DomainInputError);
    expect(() => canonicalJson({ fen: Number.NaN })).toThrow(DomainInputError);
  });

  it('T9: the sealed content names the document type, the transfer and every field; any change changes it', () => {
    const sheet = infoSheet({ mode: 'ONLINE' });
    const content = sealedContent('t-1', sheet);
    expect(JSON.parse(content)).toEqual({ type: 'cn.yibao.transfer.info-sheet', version: 1, transferId: 't-1', sheet });
    expect(sealedContent('t-1', { ...sheet, accountBalanceFen: sheet.accountBalanceFen + 1 })).not.toBe(content);
    expect(sealedContent('t-2', sheet)).not.toBe(content);
  });
});
