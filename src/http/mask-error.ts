import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { databaseFailureOf, type RefusedValue } from '../db/failures.js';
import { errorResponse } from './error-response.js';
import { currentRequestId } from './request-record.js';

const REFUSED_VALUE_MESSAGES: Record<RefusedValue, string> = {
  'nul-in-text': 'Text in the request must not contain NUL characters',
  'malformed-value': 'A value in the request (a cursor or an id) does not hold what it should',
  'malformed-date': 'A value in the request (a cursor or a date) does not hold a valid date',
  'date-out-of-range': 'A value in the request (a cursor or a date) holds a date out of range',
  'number-out-of-range': 'A value in the request (a cursor or an id) holds a number out of range',
};

/**
 * The error a client is answered with for `error`: a failure of the database says what the client may do about it
 * and nothing of the database, the client's own mistake is answered as it is, and anything else is masked as
 * `message`, with the request id under which it is logged whole.
 */
export function maskedError(error: unknown, message: string, log: (line: string) => void): GraphQLError {
  const where = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
  const failure = databaseFailureOf(error);
  if (failure === 'unavailable') {
    return new GraphQLError('The database is unavailable; try again shortly.', {
      ...where,
      extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
    });
  }
  if (failure === 'statement-timeout') {
    // 504, not 503: the database is there, but this request asked more of it than one statement may take.
    return new GraphQLError(
      'The database took too long to answer and the request was stopped; ask for less, or try again later.',
      { ...where, extensions: { code: 'TIMEOUT', http: { status: 504 } } },
    );
  }
  if (failure) {
    // The client's mistake, but one a check in whosaid should have caught first: logged, to add that check.
    logUnexpectedError(error, log);
    return new GraphQLError(REFUSED_VALUE_MESSAGES[failure], { ...where, extensions: { code: 'BAD_USER_INPUT' } });
  }
  // Never the dev mode that puts stacks and SQL in responses: wrangler dev sets NODE_ENV=development.
  const masked = maskError(error, message, false);
  if (masked === error) return withCode(masked as GraphQLError);
  logUnexpectedError(error, log);
  return new GraphQLError(message, {
    ...where,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: currentRequestId() },
  });
}

/** The answer to a failure met before GraphQL runs, as the same failure in a resolver is answered. */
export function failureResponse(error: unknown, log: (line: string) => void): Response {
  const answer = maskedError(error, 'Unexpected error.', log);
  const { http, ...extensions } = answer.extensions as { code: string; http?: { status?: number } };
  const status = http?.status ?? (extensions.code === 'BAD_USER_INPUT' ? 400 : 500);
  return errorResponse(status, answer.message, extensions);
}

/** An unexpected error, logged whole with its request id, for the masked answer the client gets. */
export function logUnexpectedError(error: unknown, write: (line: string) => void = console.error): void {
  const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  write(
    JSON.stringify({
      level: 'error',
      requestId: currentRequestId() ?? null,
      message: cause instanceof Error ? cause.message : String(cause),
      // Drizzle wraps the driver's error: "Failed query: …", with what Postgres said as its cause.
      cause: cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : undefined,
      stack: cause instanceof Error ? cause.stack : undefined,
    }),
  );
}

/**
 * An error left unmasked is the client's: graphql-js refusing a variable's value, or Pothos a cursor. Those come
 * without a code; they get the one every other wrong input has.
 */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}
