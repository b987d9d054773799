import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { LONGEST_PLACED_SPAN_DAYS } from './schema.js';

/**
 * How alike two claims' words must be (pg_trgm `similarity`, 0 to 1) for one to be a likely duplicate of the other.
 * The seed's claims by one speaker are at most 0.27 alike; the same words reported twice, 1.
 */
export const DUPLICATE_SIMILARITY = 0.5;

/** A claim that may be the same utterance as another: `score` is how alike their words are, 0 to 1. */
export interface DuplicateCandidate {
  claimId: number;
  duplicateId: number;
  score: number;
}

// Overlap alone leaves the index scan unbounded below: every earlier claim of the speaker would be read.
const LONGEST_SPAN = sql.raw(String(LONGEST_PLACED_SPAN_DAYS));

/**
 * The likely duplicates of each of the given claims, one statement for them all: other claims, retracted ones aside,
 * by one of the same named speakers (found through claim_speakers_actor_placed_idx) or, for a claim with none, with
 * the same speaker description (case aside), that may have been said at the same time (their placed ranges, when
 * said or else when first reported, overlap, as in the date filters), whose words are at least
 * DUPLICATE_SIMILARITY alike. Best first for each claim.
 */
export function duplicateCandidates(claimIds: readonly number[]): SQL {
  const ids = sql.join(
    [...new Set(claimIds)].map((id) => sql`${id}::integer`),
    sql`, `,
  );
  return sql`
    WITH target AS (
      SELECT c.id, c.text, c.placed_start, c.placed_end, lower(c.speaker_description) AS description,
        EXISTS (SELECT 1 FROM claim_speakers s WHERE s.claim_id = c.id) AS named
      FROM claims c WHERE c.id IN (${ids})
    ), candidate AS (
      SELECT t.id AS claim_id, other.claim_id AS duplicate_id
      FROM target t
      JOIN claim_speakers own ON own.claim_id = t.id
      JOIN claim_speakers other ON other.actor_id = own.actor_id
        AND other.placed_start <= t.placed_end AND other.placed_end >= t.placed_start AND other.claim_id <> t.id
        AND other.placed_start >= t.placed_start - ${LONGEST_SPAN}
      UNION
      SELECT t.id, other.id
      FROM target t
      JOIN claims other ON lower(other.speaker_description) = t.description
        AND other.placed_start <= t.placed_end AND other.placed_end >= t.placed_start AND other.id <> t.id
        AND other.placed_start >= t.placed_start - ${LONGEST_SPAN}
      WHERE NOT t.named AND NOT EXISTS (SELECT 1 FROM claim_speakers s WHERE s.claim_id = other.id)
    ), scored AS (
      SELECT candidate.claim_id, candidate.duplicate_id, similarity(t.text, other.text) AS similarity
      FROM candidate
      JOIN target t ON t.id = candidate.claim_id
      JOIN claims other ON other.id = candidate.duplicate_id
      WHERE other.retracted_at IS NULL
    )
    SELECT claim_id, duplicate_id, round(similarity::numeric, 2)::float8 AS score
    FROM scored
    WHERE similarity >= ${DUPLICATE_SIMILARITY}
    ORDER BY claim_id, similarity DESC, duplicate_id`;
}

/** The likely duplicates of the given claims (see duplicateCandidates), best first for each. */
export async function possibleDuplicates(db: Database, claimIds: readonly number[]): Promise<DuplicateCandidate[]> {
  if (claimIds.length === 0) return [];
  const { rows } = (await db.execute(duplicateCandidates(claimIds))) as unknown as {
    rows: { claim_id: number; duplicate_id: number; score: number | string }[];
  };
  return rows.map((row) => ({
    claimId: Number(row.claim_id),
    duplicateId: Number(row.duplicate_id),
    score: Number(row.score),
  }));
}

/** The ids of one claim's likely duplicates, as a subquery: for a filter on claims. */
export function duplicateIdsOf(claimId: number): SQL {
  return sql`(SELECT duplicate_id FROM (${duplicateCandidates([claimId])}) duplicates)`;
}
