import { withInputFields } from './service';

describe('input coercion errors', () => {
  it('get the bilingual fields shape, naming the field graphql-js points at', () => {
    const f = withInputFields({
      message:
        'Variable "$input" got invalid value 12.5 at "input.amountFen"; Int cannot represent non-integer value: 12.5',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((f.extensions as Record<string, unknown>).fields).toEqual([
      {
        field: 'input.amountFen',
        zh: expect.stringContaining('输入格式不正确'),
        en: expect.stringContaining('non-integer'),
      },
    ]);
  });

  it("split a kit scalar's bilingual reason: Chinese on the zh side only, English on the en side only", () => {
    const f = withInputFields({
      message:
        'Variable "$input" got invalid value "2026-02-30" at "input.registeredOn"; 日期格式应为 YYYY-MM-DD / a date must be a real YYYY-MM-DD date, got "2026-02-30"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((f.extensions as Record<string, unknown>).fields).toEqual([
      {
        field: 'input.registeredOn',
        zh: '输入格式不正确：日期格式应为 YYYY-MM-DD',
        en: 'Variable "$input" got invalid value "2026-02-30" at "input.registeredOn"; a date must be a real YYYY-MM-DD date, got "2026-02-30"',
      },
    ]);
  });
});
