import { z } from 'zod';
import { ErrorCode, badUserInput, bilingual, fromZodError, ruleRefused } from './index';

describe('GraphQL errors', () => {
  it('BAD_USER_INPUT carries field and the reason in Chinese and English', () => {
    const e = badUserInput([{ field: 'input.idNumber', reason: { zh: '校验码错误', en: 'wrong check character' } }]);
    expect(e.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(e.extensions.fields).toEqual([{ field: 'input.idNumber', zh: '校验码错误', en: 'wrong check character' }]);
    expect(e.message).toContain('input.idNumber');
  });

  it('RULE_REFUSED names the rule and the next step', () => {
    const e = ruleRefused(
      'E3',
      { zh: '职工医保正常参保中', en: 'employee relation is active' },
      { zh: '请先暂停', en: 'suspend it first' },
    );
    expect(e.extensions).toMatchObject({
      code: 'RULE_REFUSED',
      rule: 'E3',
      nextStep: { zh: '请先暂停', en: 'suspend it first' },
    });
    expect(e.message).toMatch(/^\[E3\]/);
  });

  it('maps a zod error to one BAD_USER_INPUT listing every field, a structured reason kept in both languages', () => {
    const schema = z.object({
      name: z.string().refine((v) => v !== '', { params: bilingual({ zh: '姓名必填', en: 'name is required' }) }),
      age: z.number(),
    });
    const parsed = schema.safeParse({ name: '', age: 'x' });
    expect(parsed.success).toBe(false);
    const e = fromZodError(parsed.error!);
    const fields = e.extensions.fields as Array<{ field: string; zh: string; en: string }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['input.age', 'input.name']);
    expect(fields.find((f) => f.field === 'input.name')).toMatchObject({ zh: '姓名必填', en: 'name is required' });
  });
});
