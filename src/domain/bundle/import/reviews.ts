import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claimReviews } from '../../../db/schema.js';
import { CLAIM_REVIEW_COMPARED, claimReviewColumns } from '../../writes/claim-review-rows.js';
import type { SourceBundle } from '../source-bundle.js';
import type { Outcome } from '../upsert.js';

type ReviewRow = typeof claimReviews.$inferInsert;
type ReviewColumn = keyof typeof claimReviews.$inferSelect;

/**
 * Writes every entry's fact-check reviews to the claim the entry names (`claimIds`, in order), by url: a review
 * imported again as it was is left alone, one whose verdict or date changed is updated in place. A review the bundle
 * no longer lists stays: reviews come from other bundles and from editors too (removeClaimReview removes one).
 */
export async function importReviews(
  tx: Database,
  bundle: SourceBundle,
  claimIds: number[],
  actorIds: Map<string, number>,
): Promise<Outcome> {
  const rows: ReviewRow[] = bundle.claims.flatMap((claim, index) =>
    (claim.reviews ?? []).map((review) => ({
      claimId: claimIds[index]!,
      ...claimReviewColumns(review, actorIds.get(review.reviewer)!),
    })),
  );
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const column = (name: ReviewColumn) => claimReviews[name];
  const excluded = (name: ReviewColumn) => sql`excluded.${sql.identifier(column(name).name)}`;
  const written = await tx
    .insert(claimReviews)
    .values(rows)
    .onConflictDoUpdate({
      target: [claimReviews.claimId, claimReviews.url],
      set: Object.fromEntries(CLAIM_REVIEW_COMPARED.map((name) => [name, excluded(name)])),
      setWhere: sql`(${sql.join(CLAIM_REVIEW_COMPARED.map(column), sql`, `)}) IS DISTINCT FROM (${sql.join(
        CLAIM_REVIEW_COMPARED.map(excluded),
        sql`, `,
      )})`,
    })
    .returning({ inserted: sql<boolean>`xmax = 0` });
  const created = written.filter((row) => row.inserted).length;
  const updated = written.length - created;
  return { created, updated, unchanged: rows.length - created - updated };
}
