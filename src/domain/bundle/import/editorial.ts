import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claimMerges, claims } from '../../../db/schema.js';
import { ValidationError, type ValidationIssue } from '../../validation-error.js';
import type { SourceBundle } from '../source-bundle.js';

/**
 * Writes what editors decided about the claims the bundle's source recorded (`owned`, by entry index) after they were
 * recorded: a retraction, an attribution status, the claims merged into them. A field an entry leaves out leaves the
 * stored state as it is, so that a bundle written before the decision does not undo it. Returns the claims it changed.
 */
export async function importEditorialState(
  tx: Database,
  bundle: SourceBundle,
  owned: readonly number[],
  claimIdAt: (index: number) => number,
  sourceIds: Map<string, number>,
): Promise<Set<number>> {
  const changed = new Set<number>();
  for (const index of owned) {
    const claim = bundle.claims[index]!;
    const columns: Record<string, unknown> = {};
    if (claim.retracted)
      Object.assign(columns, { retractedAt: claim.retracted.at, retractionReason: claim.retracted.reason });
    if (claim.attribution) {
      Object.assign(columns, {
        attribution: claim.attribution.status,
        attributionNote: claim.attribution.note ?? null,
        attributionEvidenceId: sourceIds.get(claim.attribution.evidence.url)!,
        attributionSetAt: claim.attribution.setAt,
      });
    }
    if (Object.keys(columns).length === 0) continue;
    const id = claimIdAt(index);
    const differs = sql.join(
      Object.keys(columns).map((name) => distinct(claims[name as keyof typeof claims.$inferSelect], columns[name])),
      sql` OR `,
    );
    const written = await tx
      .update(claims)
      .set(columns)
      .where(and(eq(claims.id, id), differs))
      .returning({ id: claims.id });
    if (written.length > 0) changed.add(id);
  }
  for (const id of await importMerges(tx, bundle, owned, claimIdAt)) changed.add(id);
  return changed;
}

function distinct(column: (typeof claims)[keyof typeof claims.$inferSelect], value: unknown): SQL {
  // Timestamps compare as instants, whatever offset the bundle wrote them with.
  return sql`${column} IS DISTINCT FROM ${value}::${sql.raw(column.getSQLType())}`;
}

/**
 * Records the keys of the claims merged into the bundle's claims, as mergeClaims left them: each answers for the
 * claim it was merged into. The merged claim is gone; its id, which no claim has any more, is drawn afresh.
 */
async function importMerges(
  tx: Database,
  bundle: SourceBundle,
  owned: readonly number[],
  claimIdAt: (index: number) => number,
): Promise<Set<number>> {
  const merges = owned.flatMap((index) =>
    (bundle.claims[index]!.merged ?? []).map((merged, position) => ({ index, position, ...merged })),
  );
  const changed = new Set<number>();
  if (merges.length === 0) return changed;
  const live = new Set(
    (
      await tx
        .select({ key: claims.key })
        .from(claims)
        .where(
          inArray(
            claims.key,
            merges.map((merge) => merge.key),
          ),
        )
    ).map((row) => row.key),
  );
  const issues: ValidationIssue[] = merges
    .filter((merge) => live.has(merge.key))
    .map((merge) => ({
      path: `claims[${merge.index}].merged[${merge.position}].key`,
      message: `"${merge.key}" is the key of a claim whosaid has: merge the two with mergeClaims`,
    }));
  if (issues.length > 0) throw new ValidationError(issues);
  const written = await tx
    .insert(claimMerges)
    .values(
      merges.map((merge) => ({
        mergedKey: merge.key,
        mergedClaimId: sql`nextval(pg_get_serial_sequence('claims', 'id'))::integer`,
        keptClaimId: claimIdAt(merge.index),
        mergedAt: merge.at,
      })),
    )
    .onConflictDoUpdate({
      target: claimMerges.mergedKey,
      set: { keptClaimId: sql`excluded.kept_claim_id`, mergedAt: sql`excluded.merged_at` },
      setWhere: sql`(${claimMerges.keptClaimId}, ${claimMerges.mergedAt}) IS DISTINCT FROM (excluded.kept_claim_id, excluded.merged_at)`,
    })
    .returning({ keptClaimId: claimMerges.keptClaimId });
  for (const row of written) changed.add(row.keptClaimId);
  return changed;
}
