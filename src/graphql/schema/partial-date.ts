import type { DatePrecision as Precision } from '../../db/vocabulary.js';
import { partialDateValue } from '../../domain/partial-date.js';
import { builder } from '../builder.js';
import { DateScalar } from './scalars.js';
import { DatePrecision } from './vocabulary.js';

interface PartialDateShape {
  start: string;
  end: string;
  precision: Precision;
  approximate: boolean;
  text: string | null;
}

export const PartialDate = builder.objectRef<PartialDateShape>('PartialDate').implement({
  description: 'A date known to the year, the month or the day, with the wording it was given in.',
  fields: (t) => ({
    value: t.string({
      description: '`2017`, `2017-02` or `2017-02-05`.',
      resolve: (date) => partialDateValue(date.start, date.precision),
    }),
    precision: t.expose('precision', { type: DatePrecision }),
    start: t.expose('start', { type: DateScalar, description: 'The first day the date may stand for.' }),
    end: t.expose('end', { type: DateScalar, description: 'The last day the date may stand for.' }),
    approximate: t.exposeBoolean('approximate'),
    text: t.exposeString('text', { nullable: true, description: 'The original wording: "last February".' }),
  }),
});

/** The partial date stored in a row's `<name>Start`, `<name>End`, … columns, or null where there is none. */
export function partialDateOf(row: object, name: string): PartialDateShape | null {
  const columns = row as Record<string, unknown>;
  const start = columns[`${name}Start`] as string | null;
  if (start === null || start === undefined) return null;
  return {
    start,
    end: columns[`${name}End`] as string,
    precision: columns[`${name}Precision`] as Precision,
    approximate: Boolean(columns[`${name}Approximate`]),
    text: (columns[`${name}Text`] as string | null) ?? null,
  };
}

/**
 * The columns `partialDateOf` reads, as a field's `select`: a claim or event returned as `{ id }` (the timeline's
 * entries) is then loaded with them rather than resolved without them.
 */
export function partialDateSelect<const Name extends string>(name: Name) {
  const parts = ['Start', 'End', 'Precision', 'Approximate', 'Text'] as const;
  return {
    columns: Object.fromEntries(parts.map((part) => [`${name}${part}`, true])) as Record<
      `${Name}${(typeof parts)[number]}`,
      true
    >,
  };
}
