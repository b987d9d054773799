import { eq } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { claims, sources } from '../../db/schema.js';
import { ATTRIBUTION_STATUSES } from '../../db/vocabulary.js';
import { ValidationError } from '../validation-error.js';
import { ConflictError, NotFoundError } from '../write-errors.js';
import { writeTransaction } from './write-transaction.js';

const EVIDENCE_NEEDED = {
  VERIFIED: 'the recording or transcript it was checked against',
  DISPUTED: 'the denial or the source that contests it',
  MISATTRIBUTED: 'the source that shows it is someone else’s or was never said',
} as const;

const attributionSchema = z
  .object({
    status: z.enum(ATTRIBUTION_STATUSES),
    note: z.string().trim().min(1, 'must not be empty').max(2000).optional(),
    evidence: z.string().trim().min(1, 'must not be empty').optional(),
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === 'REPORTED') {
      // REPORTED is the default that says no more than that a source carries the words: it clears the rest.
      for (const field of ['evidence', 'note'] as const) {
        if (input[field] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'REPORTED takes none: it clears the note and evidence',
          });
        }
      }
    } else if (input.evidence === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: `${input.status} needs the url of ${EVIDENCE_NEEDED[input.status]}, a source whosaid has`,
      });
    }
  });

/**
 * Sets whether a claim was really said by whom it is attributed to, with a note, the evidence source and when; back to
 * REPORTED clears them. A MISATTRIBUTED claim stays on record but leaves its speakers' positions, which the triggers
 * on claims mark stale and the write transaction rewrites. With `expectedVersion`, only a claim still at it changes.
 */
export async function setAttributionStatus(
  db: Database,
  claimId: number,
  input: unknown,
  changedBy: string,
): Promise<number> {
  const parsed = attributionSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { status, note, evidence, expectedVersion } = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    const [current] = await tx
      .select({ attribution: claims.attribution, version: claims.version })
      .from(claims)
      .where(eq(claims.id, claimId))
      .for('update');
    if (!current) throw new NotFoundError(`No claim has the id ${claimId}`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new ConflictError(
        `The claim is at version ${current.version}, not ${expectedVersion}: fetch it again and reapply the change`,
        current.version,
      );
    }
    if (status === 'REPORTED') {
      if (current.attribution === 'REPORTED') return claimId;
      await tx
        .update(claims)
        .set({ attribution: status, attributionNote: null, attributionEvidenceId: null, attributionSetAt: null })
        .where(eq(claims.id, claimId));
      return claimId;
    }
    const [source] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.url, evidence!));
    if (!source) throw new ValidationError([{ path: 'evidence', message: `unknown source "${evidence}"` }]);
    await tx
      .update(claims)
      .set({
        attribution: status,
        attributionNote: note ?? null,
        attributionEvidenceId: source.id,
        attributionSetAt: new Date().toISOString(),
      })
      .where(eq(claims.id, claimId));
    return claimId;
  });
}
