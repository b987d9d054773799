import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { claimKey } from '../bundle/claim-key.js';
import { importSourceBundle } from '../bundle/import-source-bundle.js';
import { claimSchema } from '../bundle/source-bundle.js';
import type { Database } from '../db/database.js';
import { refreshPositions } from '../db/positions.js';
import { claimSpeakers, claims, sources } from '../db/schema.js';
import { writeTransaction } from '../db/write-transaction.js';
import { partialDateValue } from '../domain/partial-date.js';
import { ValidationError } from '../domain/validation-error.js';
import { NotFoundError } from '../domain/write-errors.js';

/**
 * Records one claim reported by a source whosaid already has, through the same import as a bundle: the claim is
 * validated alike and recognised again by its natural key. Returns the claim's id.
 */
export async function recordClaim(db: Database, sourceUrl: string, input: unknown, changedBy: string): Promise<number> {
  const parsed = claimSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, ['claim']);
  const [source] = await db.select().from(sources).where(eq(sources.url, sourceUrl));
  if (!source) throw new NotFoundError(`No source has the url ${sourceUrl}`);
  const bundle = {
    source: {
      url: source.url,
      title: source.title,
      kind: source.kind,
      ...(source.publishedStart
        ? {
            publishedOn: {
              value: partialDateValue(source.publishedStart, source.publishedPrecision!),
              approximate: source.publishedApproximate ?? false,
              ...(source.publishedText ? { text: source.publishedText } : {}),
            },
          }
        : {}),
    },
    claims: [parsed.data],
  };
  try {
    await importSourceBundle(db, bundle, { changedBy });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^claims\[0\]/, 'claim') })));
    }
    throw error;
  }
  const [claim] = await db.select({ id: claims.id }).from(claims).where(eq(claims.key, await claimKey(parsed.data, source.url)));
  return claim!.id;
}

const retractionSchema = z.object({ reason: z.string().trim().min(1, 'must not be empty').max(2000) });

/**
 * Marks a claim retracted, with the reason and when; it stays on record, leaves the default queries, and stops
 * counting towards its speakers' positions.
 */
export async function retractClaim(db: Database, claimId: number, reason: string, changedBy: string): Promise<number> {
  const parsed = retractionSchema.safeParse({ reason });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return writeTransaction(db, changedBy, async (tx) => {
    const [claim] = await tx
      .update(claims)
      .set({ retractedAt: new Date().toISOString(), retractionReason: parsed.data.reason })
      .where(eq(claims.id, claimId))
      .returning({ id: claims.id });
    if (!claim) throw new NotFoundError(`No claim has the id ${claimId}`);
    const speakers = await tx.select({ actorId: claimSpeakers.actorId }).from(claimSpeakers).where(eq(claimSpeakers.claimId, claimId));
    await refreshPositions(tx, speakers.map((speaker) => speaker.actorId));
    return claim.id;
  });
}
