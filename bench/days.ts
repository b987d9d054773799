import type { DatePrecision } from '../src/db/vocabulary.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC), the generator's unit of time. */
export function dayOf(year: number, month = 1, day = 1): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A timestamptz as COPY reads it: the day at the given second of the day, in UTC. */
export function timestampAt(day: number, second: number): string {
  return new Date(day * DAY_MS + second * 1000).toISOString().replace('T', ' ').replace('Z', '+00');
}

/** A partial date as stored: its first possible day and precision, as src/db/partial-date-columns.ts keeps it. */
export interface GeneratedDate {
  start: number;
  precision: DatePrecision;
  approximate: boolean;
  text: string | null;
}

/** The partial date of the given precision around a day: its start moved to the first of its month or year. */
export function partialDateAround(
  day: number,
  precision: DatePrecision,
  approximate = false,
  text: string | null = null,
): GeneratedDate {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const start = precision === 'DAY' ? day : precision === 'MONTH' ? dayOf(year, date.getUTCMonth() + 1) : dayOf(year);
  return { start, precision, approximate, text };
}

/** The last day a partial date may stand for, as the generated *_end column computes it. */
export function lastDayOf(date: GeneratedDate): number {
  if (date.precision === 'DAY') return date.start;
  const start = new Date(date.start * DAY_MS);
  const year = start.getUTCFullYear();
  return date.precision === 'MONTH' ? dayOf(year, start.getUTCMonth() + 2) - 1 : dayOf(year + 1) - 1;
}

/** The four stored columns of a partial date (start, precision, approximate, text), all null where there is none. */
export function dateColumns(date: GeneratedDate | null): [string | null, string | null, boolean | null, string | null] {
  return date ? [isoDay(date.start), date.precision, date.approximate, date.text] : [null, null, null, null];
}

/** The value a client would have written for it (`2017`, `2017-02`, `2017-02-05`), as claim keys hash it. */
export function partialDateText(date: GeneratedDate): string {
  const iso = isoDay(date.start);
  return date.precision === 'YEAR' ? iso.slice(0, 4) : date.precision === 'MONTH' ? iso.slice(0, 7) : iso;
}
