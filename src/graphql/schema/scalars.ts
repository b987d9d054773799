import { GraphQLError } from 'graphql';
import { calendarDayError } from '../../domain/partial-date.js';
import { builder } from '../builder.js';

function parseDate(value: unknown): string {
  const error = typeof value === 'string' ? calendarDayError(value) : 'a Date is a string YYYY-MM-DD';
  if (error) throw new GraphQLError(`Invalid Date: ${error}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

export const DateScalar = builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === 'StringValue' ? ast.value : undefined),
});
