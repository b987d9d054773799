import { asc, inArray, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { claims } from '../../db/schema.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';
import { placeClaims } from './claim-placement.js';
import { refreshDrift } from './report-drift.js';
import { writeTransaction } from './write-transaction.js';

const mergeSchema = z
  .object({
    keep: z.int().positive(),
    merge: z.int().positive(),
    expectedVersions: z.object({ keep: z.int(), merge: z.int() }),
  })
  .refine((input) => input.keep !== input.merge, {
    path: ['merge'],
    message: 'is the claim to keep: a claim cannot be merged into itself',
  });

export interface MergeInput {
  keep: number;
  merge: number;
  expectedVersions: { keep: number; merge: number };
}

/**
 * Folds the claim `merge` into the claim `keep`, both at the versions the caller saw, in one write transaction: the
 * merged claim's reports move to the kept claim (where both have a report of one source, or a primary report, the kept
 * claim's stays), its stances join the kept claim's (the kept claim's stance on a proposition wins) and its events,
 * fact-check reviews and translations too (the kept claim's review at the same url, and its translation by the same
 * translator into a language, win); the kept claim's speakers stay. The merged claim is then deleted, its revisions
 * staying under its id, and its key answers for the kept claim from then on (claim_merges, itself a revision of the
 * kept claim), so that importing its bundle again adds a report to the kept claim. Positions are recomputed before
 * the commit. Returns the kept claim's id.
 */
export async function mergeClaims(db: Database, input: MergeInput, changedBy: string): Promise<number> {
  const parsed = mergeSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { keep, merge, expectedVersions } = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    // In id order, so that two merges of the same claims wait for each other instead of deadlocking.
    const locked = await tx
      .select({ id: claims.id, key: claims.key, version: claims.version, retractedAt: claims.retractedAt })
      .from(claims)
      .where(inArray(claims.id, [keep, merge]))
      .orderBy(asc(claims.id))
      .for('update');
    const rows = { keep: locked.find((row) => row.id === keep), merge: locked.find((row) => row.id === merge) };
    for (const role of ['keep', 'merge'] as const) {
      if (!rows[role]) throw new NotFoundError(`No claim has the id ${input[role]}`);
    }
    const retracted = (['keep', 'merge'] as const).filter((role) => rows[role]!.retractedAt !== null);
    if (retracted.length > 0) {
      throw new ValidationError(
        retracted.map((role) => ({
          path: role,
          message: `is retracted (at ${rows[role]!.retractedAt}): a retracted claim is neither merged nor merged into`,
        })),
      );
    }
    for (const role of ['keep', 'merge'] as const) {
      const current = rows[role]!.version;
      if (current !== expectedVersions[role]) {
        throw new ConflictError(
          `The claim to ${role} is at version ${current}, not ${expectedVersions[role]}: fetch it again and reapply the merge`,
          current,
        );
      }
    }

    await tx.execute(sql`
      UPDATE claim_reports moved
      SET claim_id = ${keep},
        is_primary = moved.is_primary AND NOT EXISTS (
          SELECT 1 FROM claim_reports kept WHERE kept.claim_id = ${keep} AND kept.is_primary)
      WHERE moved.claim_id = ${merge}
        AND NOT EXISTS (SELECT 1 FROM claim_reports kept WHERE kept.claim_id = ${keep} AND kept.source_id = moved.source_id)`);
    await tx.execute(sql`
      INSERT INTO claim_stances (claim_id, proposition_id, stance)
      SELECT ${keep}, proposition_id, stance FROM claim_stances WHERE claim_id = ${merge}
      ON CONFLICT (claim_id, proposition_id) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO claim_translations (claim_id, language, text, translator_source_id)
      SELECT ${keep}, moved.language, moved.text, moved.translator_source_id FROM claim_translations moved
      WHERE moved.claim_id = ${merge}
        AND moved.language <> (SELECT language FROM claims WHERE id = ${keep})
      ON CONFLICT (claim_id, language, translator_source_id) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO claim_events (claim_id, event_id)
      SELECT ${keep}, event_id FROM claim_events WHERE claim_id = ${merge}
      ON CONFLICT (claim_id, event_id) DO NOTHING`);
    // A fact-check of the same utterance stays with it; the kept claim's own review at the same url wins.
    await tx.execute(sql`
      UPDATE claim_reviews moved SET claim_id = ${keep}
      WHERE moved.claim_id = ${merge}
        AND NOT EXISTS (SELECT 1 FROM claim_reviews kept WHERE kept.claim_id = ${keep} AND kept.url = moved.url)`);
    await tx.execute(sql`UPDATE claim_merges SET kept_claim_id = ${keep} WHERE kept_claim_id = ${merge}`);
    await tx.execute(sql`
      INSERT INTO claim_merges (merged_key, merged_claim_id, kept_claim_id)
      VALUES (${rows.merge!.key}, ${merge}, ${keep})
      ON CONFLICT (merged_key) DO UPDATE SET merged_claim_id = excluded.merged_claim_id,
        kept_claim_id = excluded.kept_claim_id, merged_at = excluded.merged_at`);
    await tx.delete(claims).where(inArray(claims.id, [merge]));
    await placeClaims(tx, [keep]);
    await refreshDrift(tx, [keep]);
    return keep;
  });
}
