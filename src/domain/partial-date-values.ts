import { type PartialDateInput, toPartialDate } from './partial-date.js';

/** The values of a partial date's columns, for an insert or update; all null where there is no date. */
export function partialDateValues<const Name extends string>(name: Name, date: PartialDateInput | undefined) {
  const value = date ? toPartialDate(date) : undefined;
  return {
    [`${name}Start`]: value?.start ?? null,
    [`${name}Precision`]: value?.precision ?? null,
    [`${name}Approximate`]: value?.approximate ?? null,
    [`${name}Text`]: value?.text ?? null,
  } as Record<`${Name}${'Start' | 'Precision' | 'Approximate' | 'Text'}`, never>;
}

/** The names partialDateValues gives a partial date's columns, to compare a stored row with an incoming one. */
export function partialDateKeys(name: string): string[] {
  return ['Start', 'Precision', 'Approximate', 'Text'].map((part) => `${name}${part}`);
}
