/**
 * What a failed database call says, where whosaid answers it otherwise than as an unexpected error: the database
 * could not be reached, it stopped a statement that ran past statement_timeout, or it refused a value it was sent.
 */
export type DatabaseFailure = 'unavailable' | 'statement-timeout' | RefusedValue;

/**
 * Data exceptions the database raises over a value it was sent. whosaid checks its own values before they reach SQL,
 * so these come from a value of the client's that no check caught: a cursor forged to hold a string where a date
 * goes, NUL in a slug or a search.
 */
export type RefusedValue =
  | 'nul-in-text'
  | 'malformed-value'
  | 'malformed-date'
  | 'date-out-of-range'
  | 'number-out-of-range';

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

const REFUSED_VALUE_CODES = new Map<string, RefusedValue>([
  ['22021', 'nul-in-text'], // character_not_in_repertoire: NUL is no character of UTF8
  ['22P02', 'malformed-value'], // invalid_text_representation: text that is not a number, a boolean, an enum
  ['22007', 'malformed-date'], // invalid_datetime_format
  ['22008', 'date-out-of-range'], // datetime_field_overflow
  ['22003', 'number-out-of-range'], // numeric_value_out_of_range
]);

/** How `error` failed in the database, or undefined where it is no failure whosaid tells apart. */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  if (isUnavailable(error)) return 'unavailable';
  const codes = [...chain(error)].map(({ code }) => code);
  if (codes.includes(STATEMENT_CANCELLED)) return 'statement-timeout';
  for (const code of codes) {
    const refused = typeof code === 'string' ? REFUSED_VALUE_CODES.get(code) : undefined;
    if (refused) return refused;
  }
  return undefined;
}

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

function isUnavailable(error: unknown): boolean {
  for (const current of chain(error)) {
    const { code, message } = current;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isUnavailable(inner))) return true;
  }
  return false;
}

/** deadlock_detected and serialization_failure: the database gave up one transaction so that others could go on. */
const TRANSIENT_CONFLICT_CODES = new Set(['40P01', '40001']);

/** Whether the database aborted `error`'s transaction only for running into another: the same write may be run again. */
export function isTransientConflict(error: unknown): boolean {
  return [...chain(error)].some(({ code }) => typeof code === 'string' && TRANSIENT_CONFLICT_CODES.has(code));
}

/** unique_violation: a row whose key another row holds already. */
const UNIQUE_VIOLATION = '23505';

/** Whether `error` is the database refusing a row whose key another row holds. */
export function isUniqueViolation(error: unknown): boolean {
  return [...chain(error)].some(({ code }) => code === UNIQUE_VIOLATION);
}

/** in_failed_sql_transaction: a statement sent after another statement of its transaction failed, which ended it. */
const AFTER_FAILED_STATEMENT = '25P02';

/** Whether `error` is a statement the database did not run because an earlier one of its transaction had failed. */
export function isAfterFailedStatement(error: unknown): boolean {
  return [...chain(error)].some(({ code }) => code === AFTER_FAILED_STATEMENT);
}
