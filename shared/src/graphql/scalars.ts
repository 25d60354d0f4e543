import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate, isoDateOfUtc } from '../dates';

function parseDate(value: unknown): string {
  if (isIsoDate(value)) return value;
  throw new GraphQLError(
    `日期格式应为 YYYY-MM-DD / a date must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`,
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}

/** A calendar date (China), YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date in China time, YYYY-MM-DD',
  serialize: (v) => (v instanceof Date ? isoDateOfUtc(v) : parseDate(v)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: (v) => {
    const d = new Date(String(v));
    if (Number.isNaN(d.getTime()))
      throw new GraphQLError('无效时间 / invalid date-time', { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
});
