import { type Measurement, measurement } from '../http-load.js';
import { type Answer, errorCodes } from './client.js';

/** A request that got no proper answer: a 5xx, a top-level GraphQL error, or no HTTP answer at all. */
export interface FailedRequest {
  kind: string;
  status: number;
  codes: string[];
  requestId: string;
  message: string;
}

/** The answer's outcome as counted: `ok`, a typed refusal's code (CONFLICT, BAD_USER_INPUT, NOT_FOUND) or an error's. */
export type Counted = 'ok' | string;

/** Every request of the run by kind: latencies, outcomes by code, and the failed ones in full. */
export class Tally {
  private readonly latencies = new Map<string, number[]>();
  private readonly outcomes = new Map<string, Map<Counted, number>>();
  /** When each answer came, by kind (performance.now()). */
  private readonly answered = new Map<string, number[]>();
  readonly failures: FailedRequest[] = [];

  /**
   * Counts the answer under `kind`. A 5xx, a transport failure or any top-level error is a failure, whatever the
   * request: the soak sends only valid documents, and writes refuse with typed results. Returns the codes of the
   * failure, or an empty list.
   */
  record(kind: string, answer: Answer, refusalCode?: string): string[] {
    const codes = errorCodes(answer);
    const failed = answer.status >= 500 || answer.status === 0 || codes.length > 0;
    (this.latencies.get(kind) ?? this.latencies.set(kind, []).get(kind)!).push(answer.milliseconds);
    (this.answered.get(kind) ?? this.answered.set(kind, []).get(kind)!).push(performance.now());
    const counts = this.outcomes.get(kind) ?? this.outcomes.set(kind, new Map()).get(kind)!;
    const counted: Counted[] = failed ? (codes.length > 0 ? codes : [`HTTP_${answer.status}`]) : [refusalCode ?? 'ok'];
    for (const code of counted) counts.set(code, (counts.get(code) ?? 0) + 1);
    if (failed) {
      this.failures.push({
        kind,
        status: answer.status,
        codes: counted,
        requestId: answer.requestId,
        message: answer.transportError ?? answer.body?.errors?.[0]?.message ?? '',
      });
    }
    return failed ? counted : [];
  }

  kinds(): string[] {
    return [...this.latencies.keys()].sort();
  }

  /** Throughput and percentiles of one kind over the run's seconds. */
  measured(kind: string, seconds: number): Measurement {
    const failures = this.failures.filter((failure) => failure.kind === kind).length;
    return measurement(this.latencies.get(kind) ?? [], seconds, failures);
  }

  /** How many answers of the kinds came in each whole second from `started`, for `seconds` seconds. */
  perSecond(kinds: readonly string[], started: number, seconds: number): number[] {
    const buckets = new Array<number>(Math.floor(seconds)).fill(0);
    for (const kind of kinds) {
      for (const at of this.answered.get(kind) ?? []) {
        const second = Math.floor((at - started) / 1000);
        if (second >= 0 && second < buckets.length) buckets[second]! += 1;
      }
    }
    return buckets;
  }

  outcomesOf(kind: string): Record<Counted, number> {
    return Object.fromEntries(this.outcomes.get(kind) ?? []);
  }

  /** Every outcome but `ok`, over all kinds, by code. */
  errorsByCode(): Record<string, number> {
    const total = new Map<string, number>();
    for (const counts of this.outcomes.values()) {
      for (const [code, count] of counts) if (code !== 'ok') total.set(code, (total.get(code) ?? 0) + count);
    }
    return Object.fromEntries([...total].sort(([a], [b]) => a.localeCompare(b)));
  }
}
