import { maskIdNumber, maskMobile, maskSensitive } from './masking';

describe('masking (one format for the graph, messages and logs)', () => {
  it('N2: a resident ID keeps its first and last four characters, a shorter document two at each end', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('120104900101123')).toBe('1201*******1123');
    expect(maskIdNumber('E1234567')).toBe('E1****67');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('N1: a mobile number keeps the first three and the last four digits, +86 or not', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 138 1234 5678')).toBe('138****5678');
    expect(maskMobile('1234567')).toBe('*******');
  });

  it('N2: numbers inside longer runs (a transfer id, an amount) are left alone', () => {
    const text = '编号 5f2c9a1e-0b3d-4c7e-9f10-138123456789，金额 1234.56 元，年度 2026';
    expect(maskSensitive(text)).toBe(text);
    expect(maskSensitive('旧证 120104900101123 新证 12010419900101123X')).toBe(
      '旧证 1201*******1123 新证 1201**********123X',
    );
  });

  it('N1: every ID and mobile number in a free text is masked', () => {
    expect(maskSensitive('经办人核对 120104199001011234，联系电话 13912345678 / +86 139 1234 5678')).toBe(
      '经办人核对 1201**********1234，联系电话 139****5678 / 139****5678',
    );
  });
});
