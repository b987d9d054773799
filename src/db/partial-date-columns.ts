import { sql } from 'drizzle-orm';
import { boolean, date, pgEnum, text } from 'drizzle-orm/pg-core';
import { DATE_PRECISIONS } from './vocabulary.js';

export const datePrecision = pgEnum('date_precision', DATE_PRECISIONS);

/**
 * The columns of one partial date: its first possible day, its precision, whether it is approximate and the
 * original wording. The last possible day is generated, so overlap filters can be indexed and never drift.
 */
export function partialDateColumns<const Name extends string>(name: Name) {
  const start = `${name}_start`;
  const precision = `${name}_precision`;
  return {
    [`${name}Start`]: date(start, { mode: 'string' }),
    [`${name}Precision`]: datePrecision(precision),
    [`${name}End`]: date(`${name}_end`, { mode: 'string' }).generatedAlwaysAs(
      sql.raw(
        `CASE "${precision}" WHEN 'YEAR' THEN ("${start}" + interval '1 year' - interval '1 day')::date ` +
          `WHEN 'MONTH' THEN ("${start}" + interval '1 month' - interval '1 day')::date ELSE "${start}" END`,
      ),
    ),
    [`${name}Approximate`]: boolean(`${name}_approximate`),
    [`${name}Text`]: text(`${name}_text`),
  } as {
    [K in `${Name}Start`]: DateColumn;
  } & { [K in `${Name}Precision`]: ReturnType<typeof datePrecision> } & {
    [K in `${Name}End`]: GeneratedDateColumn;
  } & { [K in `${Name}Approximate`]: ReturnType<typeof boolean> } & { [K in `${Name}Text`]: ReturnType<typeof text> };
}

type DateColumn = ReturnType<typeof date<'string'>>;
type GeneratedDateColumn = ReturnType<DateColumn['generatedAlwaysAs']>;

/** A partial date is all there or all absent, and its start is the first day of its year or month. */
export function partialDateCheck(name: string) {
  const s = `"${name}_start"`;
  const p = `"${name}_precision"`;
  return sql.raw(
    `(${s} IS NULL) = (${p} IS NULL) AND (${s} IS NULL) = ("${name}_approximate" IS NULL) ` +
      `AND (${s} IS NULL OR "${name}_text" IS NULL OR length("${name}_text") > 0) ` +
      `AND (${p} IS DISTINCT FROM 'MONTH' OR extract(day FROM ${s}) = 1) ` +
      `AND (${p} IS DISTINCT FROM 'YEAR' OR (extract(day FROM ${s}) = 1 AND extract(month FROM ${s}) = 1))`,
  );
}
