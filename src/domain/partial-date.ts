import type { DatePrecision } from '../db/vocabulary.js';

/** A date known to the year, the month or the day, as it is stored: the first day it may be, and how precise it is. */
export interface PartialDate {
  start: string;
  precision: DatePrecision;
  approximate: boolean;
  text: string | null;
}

const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The days a partial date may stand for, inclusive. Returns a reason instead when the value is not a real
 * year, month or day: `2017-13` and `2017-02-30` are rejected, not rolled over.
 */
export function partialDateRange(
  value: string,
): { precision: DatePrecision; start: string; end: string } | { error: string } {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return { error: `"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD` };
  const year = Number(match[1]);
  if (year < 1) return { error: `"${value}" has no year 0000` };
  if (match[2] === undefined) {
    return { precision: 'YEAR', start: `${match[1]}-01-01`, end: `${match[1]}-12-31` };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { error: `"${value}" has no month ${match[2]}` };
  const lastDay = daysInMonth(year, month);
  if (match[3] === undefined) {
    return { precision: 'MONTH', start: `${match[1]}-${match[2]}-01`, end: `${match[1]}-${match[2]}-${pad(lastDay)}` };
  }
  const day = Number(match[3]);
  if (day < 1 || day > lastDay) return { error: `"${value}" has no day ${match[3]}: that month has ${lastDay} days` };
  return { precision: 'DAY', start: value, end: value };
}

/** The value a client wrote (`2017`, `2017-02`, `2017-02-05`), recovered from the stored start and precision. */
export function partialDateValue(start: string, precision: DatePrecision): string {
  if (precision === 'YEAR') return start.slice(0, 4);
  if (precision === 'MONTH') return start.slice(0, 7);
  return start;
}

/** A partial date as clients write it. */
export interface PartialDateInput {
  value: string;
  approximate?: boolean | undefined;
  text?: string | undefined;
}

export function toPartialDate(input: PartialDateInput): PartialDate {
  const range = partialDateRange(input.value);
  if ('error' in range) throw new Error(range.error);
  return {
    start: range.start,
    precision: range.precision,
    approximate: input.approximate ?? false,
    text: input.text ?? null,
  };
}

/** Why a value is not a full calendar day (YYYY-MM-DD), or null when it is one. */
export function calendarDayError(value: string): string | null {
  const range = partialDateRange(value);
  if ('error' in range) return range.error;
  return range.precision === 'DAY' ? null : `"${value}" is not a full date: use YYYY-MM-DD`;
}
