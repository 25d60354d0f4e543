import { parseMobile } from './mobile';

function reasonZh(raw: unknown): string {
  const result = parseMobile(raw);
  if (result.ok) throw new Error(`expected a refusal, got ${result.value}`);
  return result.reason.zh;
}

describe('parseMobile', () => {
  it.each([
    '13912345678',
    '139 1234 5678',
    '139-1234-5678',
    '+86 139 1234 5678',
    '+8613912345678',
    '86 139-1234-5678',
    '8613912345678',
    '0086 139 1234 5678',
    '(+86) 139-1234-5678',
    '１３９１２３４５６７８',
  ])('accepts %s as 13912345678', (raw) => {
    expect(parseMobile(raw)).toEqual({ ok: true, value: '13912345678' });
  });

  it('accepts the newer number blocks (166, 170, 199)', () => {
    for (const n of ['16612345678', '17012345678', '19912345678'])
      expect(parseMobile(n)).toEqual({ ok: true, value: n });
  });

  it('refuses a landline, and says it is one', () => {
    expect(reasonZh('022-23456789')).toContain('固定电话');
    expect(reasonZh('+86 22 2345 6789')).toContain('固定电话');
  });

  it('refuses numbers that are too short or too long', () => {
    expect(reasonZh('1391234567')).toBe('手机号码应为 11 位，当前为 10 位');
    expect(reasonZh('139123456789')).toBe('手机号码应为 11 位，当前为 12 位');
    expect(parseMobile('12345678901').ok).toBe(false);
  });

  it('refuses numbers that are not mobile or not from the mainland', () => {
    expect(reasonZh('400 812 3123')).toContain('不是手机号码');
    expect(reasonZh('+852 6123 4567')).toContain('+852');
    expect(reasonZh('+1 650 253 0000')).toContain('+1');
  });

  it('refuses letters and non-strings without throwing', () => {
    expect(reasonZh('139abcd5678')).toContain('只能包含数字');
    expect(reasonZh('')).toBe('请填写手机号码');
    expect(parseMobile(13912345678).ok).toBe(false);
    expect(parseMobile(null).ok).toBe(false);
  });
});
