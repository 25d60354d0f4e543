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
});
