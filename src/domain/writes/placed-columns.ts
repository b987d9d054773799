import { type PartialDateInput, partialDateRange } from '../partial-date.js';

/** A claim's placed_start and placed_end: the days the date that places it in time may stand for. */
export function placedColumns(placedOn: PartialDateInput): { placedStart: string; placedEnd: string } {
  const range = partialDateRange(placedOn.value) as { start: string; end: string };
  return { placedStart: range.start, placedEnd: range.end };
}
