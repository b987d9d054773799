import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claims, claimTranslations } from '../../../db/schema.js';
import { ValidationError } from '../../validation-error.js';
import type { SourceBundle } from '../source-bundle.js';
import type { Outcome } from '../upsert.js';

type TranslationRow = typeof claimTranslations.$inferInsert;

/** One translator's translations of one claim: the source's (its id) or the editors' (null). */
const scopeOf = (claimId: number, translatorSourceId: number | null) => `${claimId}:${translatorSourceId ?? 'editors'}`;

/**
 * Writes the entries' translations. Each entry's translations by the bundle's source are exactly that source's
 * translations of the claim; an entry of a claim the source recorded (`owned`) also says exactly which translations
 * whosaid's editors made, while an entry that reports another source's claim only adds or amends the editors'.
 */
export async function importTranslations(
  tx: Database,
  bundle: SourceBundle,
  claimIdAt: (index: number) => number,
  owned: ReadonlySet<number>,
  sourceId: number,
): Promise<Outcome> {
  const desired: TranslationRow[] = [];
  const replaced = new Set<string>();
  bundle.claims.forEach((claim, index) => {
    const claimId = claimIdAt(index);
    replaced.add(scopeOf(claimId, sourceId));
    if (owned.has(index)) replaced.add(scopeOf(claimId, null));
    for (const translation of claim.translations ?? []) {
      const translatorSourceId = translation.by === 'editors' ? null : sourceId;
      desired.push({ claimId, language: translation.language, text: translation.text, translatorSourceId });
    }
  });
  const claimIds = [...new Set(bundle.claims.map((_, index) => claimIdAt(index)))];
  if (claimIds.length === 0) return { created: 0, updated: 0, unchanged: 0 };

  await refuseOwnLanguage(tx, bundle, claimIdAt, claimIds);

  const identity = (row: Pick<TranslationRow, 'claimId' | 'language' | 'translatorSourceId'>) =>
    `${scopeOf(row.claimId, row.translatorSourceId ?? null)}:${row.language}`;
  const kept = new Set(desired.map(identity));
  const stored = await tx
    .select({
      id: claimTranslations.id,
      claimId: claimTranslations.claimId,
      language: claimTranslations.language,
      translatorSourceId: claimTranslations.translatorSourceId,
    })
    .from(claimTranslations)
    .where(inArray(claimTranslations.claimId, claimIds));
  const dropped = stored
    .filter((row) => replaced.has(scopeOf(row.claimId, row.translatorSourceId)) && !kept.has(identity(row)))
    .map((row) => row.id);
  if (dropped.length > 0) await tx.delete(claimTranslations).where(inArray(claimTranslations.id, dropped));

  if (desired.length === 0) return { created: 0, updated: dropped.length, unchanged: 0 };
  const written = await tx
    .insert(claimTranslations)
    .values(desired)
    .onConflictDoUpdate({
      target: [claimTranslations.claimId, claimTranslations.language, claimTranslations.translatorSourceId],
      set: { text: sql`excluded.text` },
      setWhere: sql`${claimTranslations.text} IS DISTINCT FROM excluded.text`,
    })
    .returning({ inserted: sql<boolean>`xmax = 0` });
  const created = written.filter((row) => row.inserted).length;
  const updated = written.length - created;
  return { created, updated: updated + dropped.length, unchanged: desired.length - written.length };
}

/** A translation into the language the claim's words are in is no translation: it is refused, naming the entry. */
async function refuseOwnLanguage(
  tx: Database,
  bundle: SourceBundle,
  claimIdAt: (index: number) => number,
  claimIds: number[],
) {
  const languages = new Map(
    (
      await tx.select({ id: claims.id, language: claims.language }).from(claims).where(inArray(claims.id, claimIds))
    ).map((row) => [row.id, row.language]),
  );
  const issues = bundle.claims.flatMap((claim, index) =>
    (claim.translations ?? []).flatMap((translation, position) =>
      translation.language === languages.get(claimIdAt(index))
        ? [
            {
              path: `claims[${index}].translations[${position}].language`,
              message: `"${translation.language}" is the language of the claim's own words`,
            },
          ]
        : [],
    ),
  );
  if (issues.length > 0) throw new ValidationError(issues);
}
