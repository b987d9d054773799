import { GraphQLError } from 'graphql';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001',
  '08003',
  '08006',
]);
const CONNECTION_MESSAGES =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|connect ECONNREFUSED|failed to establish the websocket connection|websocket connection (closed|failed)|socket hang up|Client has encountered a connection error|database system is (starting up|shutting down)|couldn't connect to compute node/i;

/** Whether an error, or one it was caused by, says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    const { code, message, cause, originalError } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = originalError ?? cause;
  }
  return false;
}

/** What a client sees instead of a connection failure: where it happened, and nothing of the database. */
export function databaseUnavailableError(error: unknown): GraphQLError {
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError('The database is unavailable; try again shortly.', {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
  });
}
