import type { Tally } from '../tally.js';
import { type CheckResult, checkResult } from './check-result.js';

interface LoggedError {
  requestId?: string;
  message?: string;
  cause?: string;
}

/**
 * No request failed: no HTTP 5xx, no INTERNAL_SERVER_ERROR or other top-level error, no lost connection. Refusals
 * (CONFLICT, BAD_USER_INPUT, NOT_FOUND as typed results) are expected answers and only counted. Each failure is
 * named with what the server logged under its request id (what Postgres said: a deadlock, a serialization failure).
 */
export function checkAnswers(tally: Tally, serverLog: readonly string[]): CheckResult {
  const logged = new Map<string, LoggedError>();
  for (const line of serverLog) {
    if (!line.startsWith('{"level":"error"')) continue;
    const entry = JSON.parse(line) as LoggedError;
    if (entry.requestId) logged.set(entry.requestId, entry);
  }
  const byCause = new Map<string, number>();
  const problems = tally.failures.map((failure) => {
    const cause = logged.get(failure.requestId);
    const why = cause ? (cause.cause ?? cause.message ?? '') : failure.message;
    const label = `${failure.kind}: ${failure.codes.join(', ')} (HTTP ${failure.status})${why ? `: ${firstLine(why)}` : ''}`;
    byCause.set(label, (byCause.get(label) ?? 0) + 1);
    return `${label} [request ${failure.requestId}]`;
  });
  const summary =
    problems.length === 0
      ? 'no 5xx, no INTERNAL_SERVER_ERROR, no other top-level error'
      : `${problems.length} requests failed: ${[...byCause].map(([label, count]) => `${count} × ${label}`).join('; ')}`;
  return checkResult('answers', summary, problems);
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 300);
