import { describe, expect, it } from 'vitest';
import { partialDateRange, partialDateValue } from '../src/domain/partial-date.js';

describe('partial dates', () => {
  it.each([
    ['2017', { precision: 'YEAR', start: '2017-01-01', end: '2017-12-31' }],
    ['2017-02', { precision: 'MONTH', start: '2017-02-01', end: '2017-02-28' }],
    ['2016-02', { precision: 'MONTH', start: '2016-02-01', end: '2016-02-29' }],
    ['2017-02-05', { precision: 'DAY', start: '2017-02-05', end: '2017-02-05' }],
    ['1945-02', { precision: 'MONTH', start: '1945-02-01', end: '1945-02-28' }],
  ])('%s stands for the days it may be', (value, range) => {
    expect(partialDateRange(value)).toEqual(range);
    expect(partialDateValue(range.start, range.precision as 'YEAR')).toBe(value);
  });

  it.each([
    ['2017-02-30', '"2017-02-30" has no day 30: that month has 28 days'],
    ['2017-13', '"2017-13" has no month 13'],
    ['2017-00-10', '"2017-00-10" has no month 00'],
    ['0000', '"0000" has no year 0000'],
    ['17-02-05', '"17-02-05" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['2017-2-5', '"2017-2-5" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['last February', '"last February" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'],
  ])('%s is refused', (value, error) => {
    expect(partialDateRange(value)).toEqual({ error });
  });
});
