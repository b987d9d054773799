import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { claimStances, claims, sources } from '../../db/schema.js';
import type { Stance } from '../../db/vocabulary.js';
import { claimKey } from '../bundle/claim-key.js';
import { importSourceBundle } from '../bundle/import-source-bundle.js';
import { partialDateInputSchema } from '../bundle/partial-date-input.js';
import { claimFields, claimSchema } from '../bundle/source-bundle.js';
import { partialDateValue } from '../partial-date.js';
import { partialDateValues } from '../partial-date-values.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';
import { placedAtEarliestReport } from './claim-placement.js';
import { idBySlug } from './id-by-slug.js';
import { placedColumns } from './placed-columns.js';
import { versionedUpdate } from './versioned-update.js';
import { writeTransaction } from './write-transaction.js';

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
    await importSourceBundle(db, bundle, { changedBy, keepStoredSource: true });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^claims\[0\]/, 'claim') })),
      );
    }
    throw error;
  }
  const [claim] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(eq(claims.key, await claimKey(parsed.data, source.url)));
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
    const [current] = await tx
      .select({ retractedAt: claims.retractedAt, version: claims.version })
      .from(claims)
      .where(eq(claims.id, claimId))
      .for('update');
    if (!current) throw new NotFoundError(`No claim has the id ${claimId}`);
    if (current.retractedAt) {
      throw new ConflictError(`The claim was already retracted at ${current.retractedAt}`, current.version);
    }
    const [claim] = await tx
      .update(claims)
      .set({ retractedAt: new Date().toISOString(), retractionReason: parsed.data.reason })
      .where(eq(claims.id, claimId))
      .returning({ id: claims.id });
    return claim!.id;
  });
}

// A saidOn given as null is cleared; left out, it stays as it is.
const claimChangesSchema = claimFields
  .pick({ text: true, language: true, context: true, mode: true, medium: true })
  .extend({ saidOn: partialDateInputSchema.nullable() })
  .partial()
  .strict();

/**
 * Changes the given fields of a claim still at `expectedVersion`. A new saidOn moves the claim in time, and its
 * speakers' positions with it, in the same transaction; a cleared one places it at its earliest report again.
 */
export const updateClaim = versionedUpdate({
  table: claims,
  name: 'claim',
  changes: claimChangesSchema,
  columns: ({ saidOn, ...fields }) => ({
    ...fields,
    ...(saidOn ? { ...partialDateValues('said', saidOn), ...placedColumns(saidOn) } : {}),
    ...(saidOn === null ? { ...partialDateValues('said', undefined), ...placedAtEarliestReport() } : {}),
  }),
});

/** Sets the stance a claim takes on a proposition, or removes it (stance null), and recomputes positions. */
export async function setClaimStance(
  db: Database,
  claimId: number,
  propositionSlug: string,
  stance: Stance | null,
  changedBy: string,
): Promise<void> {
  await writeTransaction(db, changedBy, async (tx) => {
    const [claim] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId));
    if (!claim) throw new NotFoundError(`No claim has the id ${claimId}`);
    const propositionId = await idBySlug(tx.query.propositions, 'proposition', propositionSlug);
    if (stance) {
      await tx
        .insert(claimStances)
        .values({ claimId, propositionId: propositionId, stance })
        .onConflictDoUpdate({ target: [claimStances.claimId, claimStances.propositionId], set: { stance } });
    } else {
      await tx
        .delete(claimStances)
        .where(and(eq(claimStances.claimId, claimId), eq(claimStances.propositionId, propositionId)));
    }
  });
}
