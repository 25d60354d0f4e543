import { creditCodeCheckCharacter, parseCreditCode, type CreditCode } from './credit-code';
import type { ValidationResult } from './result';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 check character written out once more, independently of the code under test.
function reference(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * (weights[i] ?? NaN), 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

function value(result: ValidationResult<CreditCode>): CreditCode {
  if (!result.ok) throw new Error(`expected a valid code, got: ${result.reason.en}`);
  return result.value;
}

function reasonZh(result: ValidationResult<CreditCode>): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.reason.zh;
}

describe('parseCreditCode (GB 32100-2015)', () => {
  it('accepts the reference code 91350100M000100Y43: an enterprise registered in 福州', () => {
    expect(value(parseCreditCode('91350100M000100Y43'))).toEqual({
      code: '91350100M000100Y43',
      registrationAuthority: { code: '9', zh: '工商（市场监管）', en: 'market regulation (industry and commerce)' },
      entityType: { code: '1', zh: '企业', en: 'enterprise' },
      regionCode: '350100',
    });
  });

  it.each([
    ['91120116MA06ABCD12', '9', '企业', '120116'],
    ['51120104MJ12345671', '5', '社会团体', '120104'],
    ['12100000400012345P', '1', '事业单位', '100000'], // national-level registration
    ['N2120221MF0000001A', 'N', '村级集体经济组织', '120221'], // registered under the old 宁河县 code
    ['31120000E123456783', '3', '律师执业机构', '120000'],
    ['Y1120103MB0000001M', 'Y', '未列明的机构类别（1）', '120103'],
  ])('accepts %s', (code, authority, type, regionCode) => {
    const v = value(parseCreditCode(code));
    expect(v.registrationAuthority.code).toBe(authority);
    expect(v.entityType.zh).toBe(type);
    expect(v.regionCode).toBe(regionCode);
  });

  it('normalises lower case and spaces', () => {
    expect(value(parseCreditCode(' 91350100m000100y43 ')).code).toBe('91350100M000100Y43');
  });

  it('refuses a wrong check character and names the expected one', () => {
    const result = parseCreditCode('91350100M000100Y44');
    expect(reasonZh(result)).toContain('校验码错误：按前 17 位应为 3');
    expect(result.ok === false && result.reason.en).toContain('wrong check character: expected 3');
  });

  it('refuses the letters the code never uses (I, O, Z, S, V) and says where', () => {
    expect(reasonZh(parseCreditCode('91350100MOOO100Y43'))).toContain('第 10 位“O”');
    expect(reasonZh(parseCreditCode('9135010OM000100Y43'))).toContain('第 8 位');
  });

  it('refuses a region part that is not digits or belongs to no province', () => {
    expect(reasonZh(parseCreditCode('91A50100M000100Y43'))).toContain('第 3–8 位');
    const first17 = '91990000MA0000001';
    expect(reasonZh(parseCreditCode(first17 + reference(first17)))).toContain('990000');
  });

  it('refuses a wrong length and input that is not a string, without throwing', () => {
    expect(reasonZh(parseCreditCode('91350100M000100Y4'))).toBe('统一社会信用代码应为 18 位，当前为 17 位');
    expect(parseCreditCode(undefined).ok).toBe(false);
    expect(parseCreditCode(91350100).ok).toBe(false);
  });

  it('computes the check character as alphabet[(31 − Σ mod 31) mod 31]; exactly one character fits', () => {
    let seed = 32100;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 100; n++) {
      let body = '91120116';
      for (let i = 0; i < 9; i++) body += ALPHABET.charAt(next() % 31);
      expect(creditCodeCheckCharacter(body)).toBe(reference(body));
      expect([...ALPHABET].filter((c) => parseCreditCode(body + c).ok)).toEqual([reference(body)]);
    }
  });
});
