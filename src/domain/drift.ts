import { diffWords } from 'diff';
import type { ClaimMode } from '../db/vocabulary.js';

export type DifferenceKind = 'ADDED' | 'REMOVED' | 'CHANGED';
export type DriftKind = 'PARAPHRASE_AS_QUOTE' | 'PARTIAL_AS_WHOLE' | 'QUOTE_AS_PARAPHRASE';

/**
 * Words a report has that its baseline has not (ADDED), the baseline's words it leaves out (REMOVED), or the
 * baseline's words (`was`) it gives as others (CHANGED).
 */
export interface Difference {
  kind: DifferenceKind;
  text: string;
  was: string | null;
}

/** What a report says and how: what is compared with the claim's baseline report. */
export interface ReportWords {
  text: string;
  mode: ClaimMode;
}

export interface Drift {
  differences: Difference[];
  drift: DriftKind[];
  /** True when the words or the mode differ from the baseline's in a way `differences` or `drift` tells. */
  drifted: boolean;
}

/** What picks a claim's baseline report among its reports. */
export interface PlacedReport {
  id: number;
  primary: boolean;
  placedStart: string;
  placedEnd: string;
}

/** The report a claim's others are compared with: its primary report or, without one, its earliest. */
export function baselineOf<R extends PlacedReport>(reports: readonly R[]): R | undefined {
  const primary = reports.find((report) => report.primary);
  if (primary) return primary;
  return reports.reduce<R | undefined>(
    (earliest, report) => (!earliest || isBefore(report, earliest) ? report : earliest),
    undefined,
  );
}

function isBefore(a: PlacedReport, b: PlacedReport): boolean {
  if (a.placedStart !== b.placedStart) return a.placedStart < b.placedStart;
  if (a.placedEnd !== b.placedEnd) return a.placedEnd < b.placedEnd;
  return a.id < b.id;
}

/** How `report` differs from `baseline` in its words and its mode. */
export function driftFrom(baseline: ReportWords, report: ReportWords): Drift {
  const differences = wordDifferences(baseline.text, report.text);
  const drift = modeDrift(baseline.mode, report.mode, differences);
  return { differences, drift, drifted: differences.length > 0 || drift.length > 0 };
}

/**
 * The text as compared: typographic quotes straight, dashes one dash, whitespace one space. A curly apostrophe or an
 * en dash for an em dash is the outlet's typography, not the speaker's words.
 */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‚‛′]/gu, "'")
    .replace(/[“”„‟″]/gu, '"')
    .replace(/[‒–—―−]/gu, '—')
    .replace(/\s+/gu, ' ')
    .trim();
}

// Word boundaries as Unicode defines them (UAX #29): "that's" is one word, not "that", "'" and "s".
const WORDS = new Intl.Segmenter('en', { granularity: 'word' });
const HAS_WORD = /[\p{L}\p{N}]/u;
const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;

/**
 * The word-level differences of `report` from `baseline`, in the report's order. Case and punctuation are not
 * words: "It's better…" for "it's better…", or a comma for a full stop, is no difference.
 */
export function wordDifferences(baseline: string, report: string): Difference[] {
  type Run = { change: 'same' | 'removed' | 'added'; value: string };
  const runs: Run[] = [];
  for (const part of diffWords(normalizeWords(baseline), normalizeWords(report), {
    ignoreCase: true,
    intlSegmenter: WORDS,
  })) {
    const change = !HAS_WORD.test(part.value) ? 'same' : part.added ? 'added' : part.removed ? 'removed' : 'same';
    const last = runs.at(-1);
    if (last?.change === change) last.value += part.value;
    else runs.push({ change, value: part.value });
  }
  const words = (value: string) => value.replace(EDGE_PUNCTUATION, '');
  const differences: Difference[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run.change === 'same') continue;
    const next = runs[i + 1];
    if (next && next.change !== 'same') {
      const [removed, added] = run.change === 'removed' ? [run, next] : [next, run];
      differences.push({ kind: 'CHANGED', text: words(added.value), was: words(removed.value) });
      i++;
    } else {
      differences.push({ kind: run.change === 'added' ? 'ADDED' : 'REMOVED', text: words(run.value), was: null });
    }
  }
  return differences;
}

const QUOTED: ReadonlySet<ClaimMode> = new Set(['DIRECT_QUOTE', 'PARTIAL_QUOTE']);

/**
 * How the report's mode misgives the baseline's: a paraphrase or characterisation printed in quotation marks, a cut
 * or partial quote printed as the whole, a quote given only as a paraphrase. A whole quote given as a partial one,
 * or a paraphrase called a characterisation, misgives nothing.
 */
export function modeDrift(baseline: ClaimMode, report: ClaimMode, differences: readonly Difference[]): DriftKind[] {
  if (!QUOTED.has(baseline)) return QUOTED.has(report) ? ['PARAPHRASE_AS_QUOTE'] : [];
  if (!QUOTED.has(report)) return ['QUOTE_AS_PARAPHRASE'];
  if (report !== 'DIRECT_QUOTE') return [];
  const cut = differences.length > 0 && differences.every((difference) => difference.kind === 'REMOVED');
  return baseline === 'PARTIAL_QUOTE' || cut ? ['PARTIAL_AS_WHOLE'] : [];
}
