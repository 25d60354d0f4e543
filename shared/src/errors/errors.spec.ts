import { z } from 'zod';
import {
  ErrorCode,
  INTERNAL_ERROR_MESSAGE,
  badUserInput,
  bilingual,
  fromZodError,
  publicError,
  ruleRefused,
} from './index';

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

describe('publicError: what a client sees in production', () => {
  it('outside production, everything passes unchanged', () => {
    const e = { message: 'boom at 10.0.0.1', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } };
    expect(publicError(e, false)).toBe(e);
  });

  it('an internal or unknown error becomes a generic one, with its path only', () => {
    for (const code of [undefined, 'INTERNAL_SERVER_ERROR', 'SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']) {
      const e = {
        message: 'select * from person — connect ECONNREFUSED 10.0.0.1:5432',
        path: ['person'],
        extensions: { code, stacktrace: ['Error: at db.ts:1'], serviceName: 'enrollment' },
      };
      expect(publicError(e, true)).toEqual({
        message: INTERNAL_ERROR_MESSAGE,
        path: ['person'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  });

  it('our own codes keep message and extensions, less traces, service names and field suggestions', () => {
    const forbidden = {
      message: '无权 / you may not',
      extensions: { code: 'FORBIDDEN', reason: { zh: '无权', en: 'you may not' }, stacktrace: ['x'], serviceName: 's' },
    };
    expect(publicError(forbidden, true)).toEqual({
      message: '无权 / you may not',
      extensions: { code: 'FORBIDDEN', reason: { zh: '无权', en: 'you may not' } },
    });
    const typo = {
      message: 'Cannot query field "persn" on type "Query". Did you mean "person" or "persons"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(publicError(typo, true).message).toBe('Cannot query field "persn" on type "Query".');
  });
});
