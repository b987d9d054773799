import { type LedgerEntry, WRITE_KINDS } from './ledger.js';
import type { Tally } from './tally.js';

/** The kind of the feed's reading after the run, for the checks: not part of the load. */
export const AFTER_THE_RUN = 'changesReplayed';

export interface KindFigures {
  kind: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  outcomes: Record<string, number>;
}

export interface Figures {
  seconds: number;
  writes: {
    requests: number;
    perSecond: number;
    /** Writes answered in each whole second of the run, and the fewest and the most of those. */
    bySecond: number[];
    slowestSecond: number;
    fastestSecond: number;
    acknowledged: number;
    refused: number;
    failed: number;
  };
  reads: { requests: number; perSecond: number };
  errorsByCode: Record<string, number>;
  /** The refusals in the ledgers, by kind, type and message (numbers, names and quoted values as #). */
  refusals: { refusal: string; count: number }[];
  kinds: KindFigures[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/** What the run held: writes and reads a second, outcomes by code, and latency percentiles by kind, in ms. */
export function figuresOf(tally: Tally, ledger: readonly LedgerEntry[], started: number, seconds: number): Figures {
  const kinds = tally.kinds().map((kind) => {
    const measured = tally.measured(kind, seconds);
    return {
      kind,
      requests: measured.requests,
      perSecond: round(measured.requestsPerSecond),
      p50: round(measured.p50),
      p99: round(measured.p99),
      outcomes: tally.outcomesOf(kind),
    };
  });
  const isWrite = (kind: string) => (WRITE_KINDS as readonly string[]).includes(kind);
  const reads = kinds
    .filter(({ kind }) => !isWrite(kind) && kind !== AFTER_THE_RUN)
    .reduce((sum, { requests }) => sum + requests, 0);
  const bySecond = tally.perSecond(WRITE_KINDS, started, seconds);
  const count = (kind: LedgerEntry['outcome']['kind']) => ledger.filter((entry) => entry.outcome.kind === kind).length;
  return {
    seconds: round(seconds),
    writes: {
      requests: ledger.length,
      perSecond: round(ledger.length / seconds),
      bySecond,
      slowestSecond: Math.min(...bySecond),
      fastestSecond: Math.max(...bySecond),
      acknowledged: count('acknowledged'),
      refused: count('refused'),
      failed: count('failed'),
    },
    reads: { requests: reads, perSecond: round(reads / seconds) },
    errorsByCode: tally.errorsByCode(),
    refusals: refusalsOf(ledger),
    kinds,
  };
}

function refusalsOf(ledger: readonly LedgerEntry[]): Figures['refusals'] {
  const counts = new Map<string, number>();
  for (const { request, outcome } of ledger) {
    if (outcome.kind !== 'refused') continue;
    const message = outcome.message
      .replace(/"[^"]*"|soak-[a-z0-9-]+/g, '#')
      .replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}(:\d{2})?)?/g, '#')
      .replace(/\d+/g, '#');
    const refusal = `${request.kind}: ${outcome.typename}: ${message}`;
    counts.set(refusal, (counts.get(refusal) ?? 0) + 1);
  }
  return [...counts].map(([refusal, count]) => ({ refusal, count })).sort((a, b) => b.count - a.count);
}

/** The figures as the soak prints them. */
export function figuresText(figures: Figures): string {
  const lines = [
    `${figures.seconds} s: ${figures.writes.requests} writes (${figures.writes.perSecond}/s, from ${figures.writes.slowestSecond} to ${figures.writes.fastestSecond} in a second; ${figures.writes.acknowledged} acknowledged, ${figures.writes.refused} refused, ${figures.writes.failed} failed), ${figures.reads.requests} reads (${figures.reads.perSecond}/s)`,
    `answers other than a success, by code: ${
      Object.entries(figures.errorsByCode)
        .map(([code, count]) => `${code} ${count}`)
        .join(', ') || 'none'
    }`,
    `writes answered in each second: ${figures.writes.bySecond.join(' ')}`,
    'refusals:',
    ...figures.refusals.map(({ refusal, count }) => `  ${count} × ${refusal}`),
    '',
    '| kind | requests | per s | p50 ms | p99 ms | outcomes |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...figures.kinds.map(
      (k) =>
        `| ${k.kind} | ${k.requests} | ${k.perSecond} | ${k.p50} | ${k.p99} | ${Object.entries(k.outcomes)
          .map(([code, count]) => `${code} ${count}`)
          .join(', ')} |`,
    ),
  ];
  return lines.join('\n');
}
