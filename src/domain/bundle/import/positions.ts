import type { Database } from '../../../db/database.js';
import { type PositionPair, pairsOf, refreshPositions } from '../../../db/positions.js';
import type { SourceBundle } from '../source-bundle.js';
import type { ClaimReferences, ImportedClaims } from './claims.js';

/** Rewrites the positions the changed claims bear on: their speakers' on their propositions, before and after. */
export async function refreshPositionsOfClaims(
  tx: Database,
  bundle: SourceBundle,
  keys: string[],
  claims: ImportedClaims,
  refs: Pick<ClaimReferences, 'actors' | 'propositions'>,
): Promise<void> {
  if (claims.changed.size === 0) return;
  const pairs: PositionPair[] = [];
  for (const [index, claim] of bundle.claims.entries()) {
    const id = claims.ids.get(keys[index]!)!;
    if (!claims.changed.has(id)) continue;
    const actorIds = [
      ...(claim.speakers ?? []).map((slug) => refs.actors.get(slug)!),
      ...previousOf(claims.previous.speakers, id, 'actorId'),
    ];
    const propositionIds = [
      ...(claim.stances ?? []).map((s) => refs.propositions.get(s.proposition)!),
      ...previousOf(claims.previous.stances, id, 'propositionId'),
    ];
    pairs.push(...pairsOf(actorIds, propositionIds));
  }
  await refreshPositions(tx, pairs);
}

/** A column of the rows a claim had before the import (its speakers, its stances). */
function previousOf(rows: Record<string, unknown>[], claimId: number, column: string): number[] {
  return rows.filter((row) => row.claimId === claimId).map((row) => row[column] as number);
}
