import type { Database } from '../../../db/database.js';
import { propositions } from '../../../db/schema.js';
import type { ParsedBundle } from '../source-bundle.js';
import { idsByNaturalKey, upsertByNaturalKey } from '../upsert.js';
import { type Imported, outcome } from './outcome.js';

/**
 * Writes the propositions the bundle states and returns the ids of every proposition it mentions, those already
 * stored (`stored`) among them.
 */
export async function importPropositions(
  tx: Database,
  bundle: ParsedBundle,
  stored: Map<string, number>,
): Promise<Imported> {
  const stated = bundle.propositions ?? [];
  const written = await upsertByNaturalKey(
    tx,
    propositions,
    propositions.slug,
    stated.map((p) => ({ slug: p.slug, statement: p.statement })),
    ['statement'],
  );
  const mentioned = [
    ...stated.map((p) => p.slug),
    ...bundle.claims.flatMap((c) => (c.stances ?? []).map((s) => s.proposition)),
  ];
  const ids = new Map(stored);
  const unresolved = mentioned.filter((slug) => !ids.has(slug));
  for (const [slug, id] of await idsByNaturalKey(tx, propositions, propositions.slug, unresolved)) ids.set(slug, id);
  return { outcome: outcome(stated.length, written, (slug) => ids.get(slug)!, new Set()), ids };
}
