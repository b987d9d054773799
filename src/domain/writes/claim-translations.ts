import { and, eq, isNull, type SQL } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../../db/database.js';
import { claimReports, claims, claimTranslations, sources } from '../../db/schema.js';
import { MAX_CLAIM_TEXT } from '../bundle/source-bundle.js';
import { languageTagSchema } from '../language-tag.js';
import { ValidationError } from '../validation-error.js';
import { NotFoundError } from '../write-errors.js';
import { writeTransaction } from './write-transaction.js';

const translatorSchema = z.strictObject({
  language: languageTagSchema,
  /** The url of the source that printed the translation; left out, whosaid's editors made it. */
  translatedBy: z.string().trim().min(1, 'must not be empty').optional(),
});

const translationSchema = translatorSchema.extend({
  text: z
    .string()
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_CLAIM_TEXT, `must be at most ${MAX_CLAIM_TEXT} characters`),
});

/**
 * Adds the claim's words in another language, or replaces the text of the translation the same translator made into
 * it: a source that reports the claim (`translatedBy`, its url) or whosaid's editors. Returns the claim's id.
 */
export async function setClaimTranslation(
  db: Database,
  claimId: number,
  input: unknown,
  changedBy: string,
): Promise<number> {
  const parsed = translationSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { language, text, translatedBy } = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    const claim = await lockedClaim(tx, claimId);
    if (claim.language === language) {
      throw new ValidationError([
        { path: 'language', message: `"${language}" is the language of the claim's own words` },
      ]);
    }
    const translatorSourceId = translatedBy === undefined ? null : await reportingSourceId(tx, claimId, translatedBy);
    await tx
      .insert(claimTranslations)
      .values({ claimId, language, text, translatorSourceId })
      .onConflictDoUpdate({
        target: [claimTranslations.claimId, claimTranslations.language, claimTranslations.translatorSourceId],
        set: { text },
      });
    return claimId;
  });
}

/** Removes the translation into `language` that the source `translatedBy` (or, left out, the editors) made. */
export async function removeClaimTranslation(
  db: Database,
  claimId: number,
  input: unknown,
  changedBy: string,
): Promise<number> {
  const parsed = translatorSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { language, translatedBy } = parsed.data;
  return writeTransaction(db, changedBy, async (tx) => {
    await lockedClaim(tx, claimId);
    const translator: SQL =
      translatedBy === undefined
        ? isNull(claimTranslations.translatorSourceId)
        : eq(claimTranslations.translatorSourceId, await reportingSourceId(tx, claimId, translatedBy));
    const removed = await tx
      .delete(claimTranslations)
      .where(and(eq(claimTranslations.claimId, claimId), eq(claimTranslations.language, language), translator))
      .returning({ id: claimTranslations.id });
    if (removed.length === 0) {
      throw new NotFoundError(
        `The claim has no translation into ${language} by ${translatedBy ?? "whosaid's editors"}`,
      );
    }
    return claimId;
  });
}

// Locked, so that a translation is not added to a claim that a merge is deleting.
async function lockedClaim(tx: Database, claimId: number) {
  const [claim] = await tx
    .select({ language: claims.language })
    .from(claims)
    .where(eq(claims.id, claimId))
    .for('update');
  if (!claim) throw new NotFoundError(`No claim has the id ${claimId}`);
  return claim;
}

/** The id of the source at `url`, which must report the claim: a source translates the words it prints. */
async function reportingSourceId(tx: Database, claimId: number, url: string): Promise<number> {
  const [source] = await tx
    .select({ id: sources.id, reports: claimReports.id })
    .from(sources)
    .leftJoin(claimReports, and(eq(claimReports.sourceId, sources.id), eq(claimReports.claimId, claimId)))
    .where(eq(sources.url, url));
  if (!source) throw new ValidationError([{ path: 'translatedBy', message: `unknown source "${url}"` }]);
  if (source.reports === null) {
    throw new ValidationError([
      { path: 'translatedBy', message: `"${url}" does not report this claim: a source translates what it prints` },
    ]);
  }
  return source.id;
}
