import { GraphQLError } from 'graphql';
import { calendarDaySchema } from '../../domain/partial-date.js';
import { builder } from '../builder.js';

function parseDate(value: unknown): string {
  const parsed = calendarDaySchema.safeParse(value);
  if (!parsed.success) {
    const message = typeof value === 'string' ? parsed.error.issues[0]!.message : 'a Date is a string YYYY-MM-DD';
    throw new GraphQLError(`Invalid Date: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return parsed.data;
}

export const DateScalar = builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === 'StringValue' ? ast.value : undefined),
});
