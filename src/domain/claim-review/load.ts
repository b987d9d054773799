import type { Database } from '../../db/database.js';
import { claimReviewJsonLd, type JsonLd, REVIEWED_CLAIM } from './json-ld.js';

/** The ClaimReview markup of a claim's reviews, newest first; undefined where there is no such claim. */
export async function loadClaimReviewJsonLd(
  db: Database,
  claim: { id: number } | { key: string },
): Promise<JsonLd[] | undefined> {
  const row = await db.query.claims.findFirst({ where: claim, ...REVIEWED_CLAIM });
  return row && claimReviewJsonLd(row);
}
