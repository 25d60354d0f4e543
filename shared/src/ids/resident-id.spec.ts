import { parseResidentId, residentIdCheckCharacter, type ResidentId } from './resident-id';
import type { ValidationResult } from './result';

const TODAY = { today: '2026-06-01' };

function value(result: ValidationResult<ResidentId>): ResidentId {
  if (!result.ok) throw new Error(`expected a valid ID, got: ${result.reason.en}`);
  return result.value;
}

function reason(result: ValidationResult<ResidentId>): { zh: string; en: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

// ISO 7064 MOD 11-2 written out once more, independently of the code under test.
function reference(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * (weights[i] ?? NaN), 0);
  return '10X98765432'.charAt(sum % 11);
}

describe('parseResidentId (GB 11643-1999)', () => {
  it('accepts the reference number 11010519491231002X and reads birth date, gender and region', () => {
    expect(value(parseResidentId('11010519491231002X', TODAY))).toEqual({
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
      regionCode: '110105',
    });
  });

  it.each([
    ['120116199005171234', '1990-05-17', 'MALE', '120116'], // 滨海新区, current code
    ['120104200002290115', '2000-02-29', 'MALE', '120104'], // leap day
    ['120119202601010027', '2026-01-01', 'FEMALE', '120119'], // 蓟州区, born this year
    ['130102198001010010', '1980-01-01', 'MALE', '130102'],
    ['653229202501010024', '2025-01-01', 'FEMALE', '653229'], // 和安县, set up at the end of 2024
  ])('accepts %s', (id, birthDate, gender, regionCode) => {
    expect(value(parseResidentId(id, TODAY))).toEqual({ idNumber: id, birthDate, gender, regionCode });
  });

  it('reads the gender from the 17th digit: odd is male, even is female', () => {
    expect(value(parseResidentId('110105194912310038', TODAY)).gender).toBe('MALE');
    expect(value(parseResidentId('11010519491231002X', TODAY)).gender).toBe('FEMALE');
  });

  it('accepts historical address codes: a number keeps the code of the county that first issued it', () => {
    // 塘沽区 (120107) became part of 滨海新区 in 2009, 宁河县 (120221) became 宁河区 120117 in 2015.
    expect(value(parseResidentId('120107197503080460', TODAY)).regionCode).toBe('120107');
    expect(value(parseResidentId('120221198501010183', TODAY)).regionCode).toBe('120221');
  });

  it('trims spaces, accepts a lower-case x and full-width characters, and normalises to X', () => {
    expect(value(parseResidentId('  110105 19491231 002x ', TODAY)).idNumber).toBe('11010519491231002X');
    expect(value(parseResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).idNumber).toBe('11010519491231002X');
  });

  it('refuses a wrong check character and says which one the first 17 digits give', () => {
    const r = reason(parseResidentId('110105194912310021', TODAY));
    expect(r.zh).toContain('校验码错误');
    expect(r.zh).toContain('应为 X');
    expect(r.en).toContain('wrong check character: expected X');
    expect(parseResidentId('120116199005171235', TODAY).ok).toBe(false);
  });

  it('refuses an impossible birth date even when the check character fits (1949-02-30)', () => {
    expect(reference('12010219490230001')).toBe('5');
    const r = reason(parseResidentId('120102194902300015', TODAY));
    expect(r.zh).toContain('1949-02-30 不存在');
    expect(r.en).toContain('1949-02-30');
  });

  it('refuses 29 February of a year that is not a leap year', () => {
    const first17 = '12010419000229011';
    expect(parseResidentId(first17 + reference(first17), TODAY).ok).toBe(false);
  });

  it('refuses a birth date in the future or before 1900', () => {
    expect(reason(parseResidentId('120104209901010018', TODAY)).zh).toContain('晚于今天');
    expect(reason(parseResidentId('120104189912310010', TODAY)).zh).toContain('早于 1900 年');
    // the day itself is not in the future
    expect(parseResidentId('120119202601010027', { today: '2026-01-01' }).ok).toBe(true);
    expect(parseResidentId('120119202601010027', { today: '2025-12-31' }).ok).toBe(false);
  });

  it('refuses an address code that never existed, and the numbers of residence permits', () => {
    expect(reason(parseResidentId('12999919800101001X', TODAY)).zh).toContain('129999');
    const permit = '81000019800101001';
    expect(reason(parseResidentId(permit + reference(permit), TODAY)).zh).toContain('港澳台居民居住证');
    const noProvince = '99010519491231002';
    expect(reason(parseResidentId(noProvince + reference(noProvince), TODAY)).zh).toContain('省级');
  });

  it('refuses wrong lengths, letters and the 15-digit first-generation numbers with a clear reason', () => {
    expect(reason(parseResidentId('11010519491231002', TODAY)).zh).toBe('身份证号码应为 18 位，当前为 17 位');
    expect(reason(parseResidentId('110105491231002', TODAY)).zh).toContain('15 位');
    expect(reason(parseResidentId('1101051949123100AX', TODAY)).zh).toContain('第 17 位');
    expect(reason(parseResidentId('11010519491231002Y', TODAY)).zh).toContain('第 18 位');
    expect(reason(parseResidentId('', TODAY)).zh).toBe('请填写身份证号码');
  });

  it('never throws on input that is not a string', () => {
    for (const raw of [null, undefined, 11010519491231002, {}, ['11010519491231002X']]) {
      expect(parseResidentId(raw, TODAY).ok).toBe(false);
    }
  });

  it('computes the check character as ISO 7064 MOD 11-2: exactly one of 0–9/X fits each body', () => {
    let seed = 20260101;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 200; n++) {
      const first17 = '120116' + '1990' + String(next()).padStart(7, '0').slice(-7);
      expect(residentIdCheckCharacter(first17)).toBe(reference(first17));
      const birth = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
      const dateExists = !Number.isNaN(Date.parse(birth)) && new Date(birth).toISOString().startsWith(birth);
      const fitting = [...'0123456789X'].filter((c) => parseResidentId(first17 + c, TODAY).ok);
      expect(fitting).toEqual(dateExists ? [reference(first17)] : []);
    }
  });
});
