import type { Outcome } from '../upsert.js';

/** What a step of the import wrote of one kind of entity, and the ids of those the bundle names, by natural key. */
export interface Imported {
  outcome: Outcome;
  ids: Map<string, number>;
}

/** Created rows count as created; rows whose own columns or whose children changed count once as updated. */
export function outcome(
  total: number,
  written: { created: Set<string>; updated: Set<string> },
  idOf: (key: string) => number,
  childrenChanged: Set<number>,
): Outcome {
  const createdIds = new Set([...written.created].map(idOf));
  const updatedIds = new Set([...written.updated].map(idOf));
  for (const id of childrenChanged) if (!createdIds.has(id)) updatedIds.add(id);
  return { created: createdIds.size, updated: updatedIds.size, unchanged: total - createdIds.size - updatedIds.size };
}
