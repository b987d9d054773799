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

/** query_canceled: what Postgres answers when statement_timeout stops a statement. */
const STATEMENT_CANCELLED = '57014';

interface Failure {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/** The error and those it was caused by, outermost first: GraphQL wraps Drizzle's error, which wraps the driver's. */
function* chain(error: unknown): Generator<Failure> {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    yield current as Failure;
    current = (current as Failure).originalError ?? (current as Failure).cause;
  }
}

/** Whether an error, or one it was caused by, says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const current of chain(error)) {
    const { code, message } = current;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Whether the database cancelled a statement of the request, which statement_timeout does to one that runs too long. */
export function isStatementTimeout(error: unknown): boolean {
  for (const { code } of chain(error)) if (code === STATEMENT_CANCELLED) return true;
  return false;
}

/**
 * Data exceptions the database raises over a value it was sent: NUL in text (22021), text that is not a number or
 * date (22P02, 22007), out of range (22003, 22008). whosaid checks its own values before they reach SQL, so these come
 * from a value of the client's that no check caught: a cursor forged to hold a string where a date goes, NUL in a
 * slug or a search.
 */
const REFUSED_VALUE_CODES = new Map([
  ['22021', 'Text in the request must not contain NUL characters'],
  ['22P02', 'A value in the request (a cursor or an id) does not hold what it should'],
  ['22007', 'A value in the request (a cursor or a date) does not hold a valid date'],
  ['22008', 'A value in the request (a cursor or a date) holds a date out of range'],
  ['22003', 'A value in the request (a cursor or an id) holds a number out of range'],
]);

/** The client's error for a value the database refused, or undefined for any other failure. */
export function refusedValueError(error: unknown): GraphQLError | undefined {
  for (const { code } of chain(error)) {
    const message = typeof code === 'string' ? REFUSED_VALUE_CODES.get(code) : undefined;
    if (message) {
      const located = error instanceof GraphQLError ? error : undefined;
      return new GraphQLError(message, {
        nodes: located?.nodes,
        path: located?.path,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
  return undefined;
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

/**
 * What a client sees when a statement ran past the statement timeout: it was stopped and, in a write, rolled back.
 * 504, not 503: the database is there, but this request asked more of it than one statement may take.
 */
export function statementTimeoutError(error: unknown): GraphQLError {
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(
    'The database took too long to answer and the request was stopped; ask for less, or try again later.',
    {
      nodes: located?.nodes,
      path: located?.path,
      extensions: { code: 'TIMEOUT', http: { status: 504 } },
    },
  );
}
