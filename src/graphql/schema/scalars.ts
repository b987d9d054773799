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

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('Invalid DateTime: use an ISO 8601 timestamp such as 2017-05-16T12:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value).toISOString();
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with a time zone: 2017-05-16T12:00:00Z.',
  serialize: (value) => new Date(value).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === 'StringValue' ? ast.value : undefined),
});
