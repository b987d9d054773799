import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { actors, claimReviews, claims } from '../../db/schema.js';
import { claimReviewSchema } from '../bundle/source-bundle.js';
import { partialDateValues } from '../partial-date-values.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';
import { claimReviewColumns, ratingColumns } from './claim-review-rows.js';
import { writeTransaction } from './write-transaction.js';

// null clears the optional texts; the rest stays as it is where left out.
const changesSchema = claimReviewSchema.partial().extend({
  claimReviewed: claimReviewSchema.shape.claimReviewed.unwrap().nullable().optional(),
  ratingExplanation: claimReviewSchema.shape.ratingExplanation.unwrap().nullable().optional(),
});

/**
 * Adds a fact-checker's review to a claim: the reviewer is an actor whosaid has, by slug; the url is the review's
 * own, one review per url and claim. Returns the review's id.
 */
export async function addClaimReview(
  db: Database,
  claimId: number,
  input: unknown,
  changedBy: string,
): Promise<number> {
  const parsed = claimReviewSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['review']);
  const review = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    const [claim] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).for('share');
    if (!claim) throw new NotFoundError(`No claim has the id ${claimId}`);
    const reviewerId = await reviewerIdOf(tx, review.reviewer, 'review.reviewer');
    const [added] = await tx
      .insert(claimReviews)
      .values({ claimId, ...claimReviewColumns(review, reviewerId) })
      .onConflictDoNothing({ target: [claimReviews.claimId, claimReviews.url] })
      .returning({ id: claimReviews.id });
    if (!added) throw duplicateUrl('review.url', review.url);
    return added.id;
  });
}

/**
 * Changes the fields of a review that `input` names, only if the review is still at `expectedVersion`. A rating is
 * replaced whole: its value means nothing without its scale.
 */
export async function updateClaimReview(
  db: Database,
  reviewId: number,
  expectedVersion: number,
  input: unknown,
  changedBy: string,
): Promise<number> {
  const parsed = changesSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['changes']);
  const changes = parsed.data;
  if (Object.keys(changes).length === 0) {
    throw new ValidationError([{ path: 'changes', message: 'names nothing to change' }]);
  }
  return writeTransaction(db, changedBy, async (tx) => {
    const current = await lockedReview(tx, reviewId, expectedVersion);
    if (changes.url !== undefined) {
      const [taken] = await tx
        .select({ id: claimReviews.id })
        .from(claimReviews)
        .where(
          and(
            eq(claimReviews.claimId, current.claimId),
            eq(claimReviews.url, changes.url),
            ne(claimReviews.id, reviewId),
          ),
        );
      if (taken) throw duplicateUrl('changes.url', changes.url);
    }
    const written = {
      ...(changes.reviewer === undefined
        ? {}
        : { reviewerId: await reviewerIdOf(tx, changes.reviewer, 'changes.reviewer') }),
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.publishedOn === undefined ? {} : partialDateValues('published', changes.publishedOn)),
      ...(changes.rating === undefined ? {} : ratingColumns(changes.rating)),
      ...(changes.claimReviewed === undefined ? {} : { claimReviewed: changes.claimReviewed }),
      ...(changes.ratingExplanation === undefined ? {} : { ratingExplanation: changes.ratingExplanation }),
    };
    await tx.update(claimReviews).set(written).where(eq(claimReviews.id, reviewId));
    return reviewId;
  });
}

/** Removes a review (its revisions stay, under its claim); with `expectedVersion`, only a review still at it. */
export async function removeClaimReview(
  db: Database,
  reviewId: number,
  expectedVersion: number | undefined,
  changedBy: string,
): Promise<number> {
  return writeTransaction(db, changedBy, async (tx) => {
    const current = await lockedReview(tx, reviewId, expectedVersion);
    await tx.delete(claimReviews).where(eq(claimReviews.id, reviewId));
    return current.claimId;
  });
}

async function lockedReview(tx: Database, reviewId: number, expectedVersion: number | undefined) {
  const [current] = await tx.select().from(claimReviews).where(eq(claimReviews.id, reviewId)).for('update');
  if (!current) throw new NotFoundError(`No claim review has the id ${reviewId}`);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new ConflictError(
      `The claim review is at version ${current.version}, not ${expectedVersion}: fetch it again and reapply the change`,
      current.version,
    );
  }
  return current;
}

async function reviewerIdOf(tx: Database, slug: string, path: string): Promise<number> {
  const [reviewer] = await tx.select({ id: actors.id }).from(actors).where(eq(actors.slug, slug));
  if (!reviewer) throw new ValidationError([{ path, message: `unknown actor "${slug}": add the reviewer first` }]);
  return reviewer.id;
}

function duplicateUrl(path: string, url: string): ValidationError {
  return new ValidationError([
    { path, message: `the claim has a review at ${url} already: update that one (updateClaimReview)` },
  ]);
}
