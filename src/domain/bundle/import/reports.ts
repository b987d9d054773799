import { and, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claimReports, claims } from '../../../db/schema.js';
import type { PartialDateInput } from '../../partial-date.js';
import { partialDateKeys, partialDateValues } from '../../partial-date-values.js';
import { placedColumns } from '../../writes/placed-columns.js';
import type { SourceBundle } from '../source-bundle.js';
import type { Outcome } from '../upsert.js';

type ReportRow = typeof claimReports.$inferInsert;
type ReportColumn = keyof ReportRow;

/**
 * Writes each entry's report: the bundle's source carrying the claim, with the entry's words and mode, when and
 * where in the source. A claim the bundle's source recorded (`owned`) also gets the document it first appeared in
 * as its primary report, and loses a primary report the bundle no longer names. Returns what it wrote.
 */
export async function importReports(
  tx: Database,
  bundle: SourceBundle,
  claimIdAt: (index: number) => number,
  owned: ReadonlySet<number>,
  sourceIds: Map<string, number>,
): Promise<Outcome> {
  const sourceId = sourceIds.get(bundle.source.url)!;
  const claimIds = bundle.claims.map((_, index) => claimIdAt(index));
  const stored = await storedPlacement(tx, claimIds);
  const placement = (index: number, published: PartialDateInput | undefined) => {
    const claim = bundle.claims[index]!;
    const date = published ?? claim.saidOn;
    return date ? placedColumns(date) : stored.get(claimIdAt(index))!;
  };

  const own: ReportRow[] = bundle.claims.map((claim, index) => {
    const published = claim.report?.publishedOn ?? bundle.source.publishedOn;
    return {
      claimId: claimIdAt(index),
      sourceId,
      primary: owned.has(index) && claim.firstAppearedIn?.url === bundle.source.url,
      text: claim.report?.text ?? claim.text,
      mode: claim.report?.mode ?? claim.mode,
      ...partialDateValues('published', published),
      ...placement(index, published),
      page: claim.report?.page ?? null,
      anchor: claim.report?.anchor ?? null,
      startSeconds: claim.report?.startSeconds ?? null,
      endSeconds: claim.report?.endSeconds ?? null,
    };
  });
  const primary: ReportRow[] = bundle.claims.flatMap((claim, index) => {
    const first = claim.firstAppearedIn;
    if (!owned.has(index) || !first || first.url === bundle.source.url) return [];
    return [
      {
        claimId: claimIdAt(index),
        sourceId: sourceIds.get(first.url)!,
        primary: true,
        text: claim.text,
        mode: claim.mode,
        ...partialDateValues('published', first.publishedOn),
        ...placement(index, first.publishedOn),
      },
    ];
  });

  const ownedIds = [...owned].map(claimIdAt);
  const keptPrimary = [...own, ...primary].filter((row) => row.primary);
  const dropped = ownedIds.length
    ? await tx
        .delete(claimReports)
        .where(
          and(
            inArray(claimReports.claimId, ownedIds),
            sql`${claimReports.primary}`,
            keptPrimary.length
              ? sql`(${claimReports.claimId}, ${claimReports.sourceId}) NOT IN (${sql.join(
                  keptPrimary.map((row) => sql`(${row.claimId}::integer, ${row.sourceId}::integer)`),
                  sql`, `,
                )})`
              : undefined,
          ),
        )
        .returning({ claimId: claimReports.claimId })
    : [];

  const placedKeys = ['placedStart', 'placedEnd', ...(partialDateKeys('published') as ReportColumn[])] as const;
  const reportFields = ['text', 'mode', 'page', 'anchor', 'startSeconds', 'endSeconds', ...placedKeys] as const;
  // Whether a report is the claim's primary one is the recording source's bundle to say (by firstAppearedIn): the
  // bundle of a source that only reports the claim leaves it as it stands.
  const ownWritten = sum(
    await upsertReports(
      tx,
      own.filter((_, index) => owned.has(index)),
      ['primary', ...reportFields],
    ),
    await upsertReports(
      tx,
      own.filter((_, index) => !owned.has(index)),
      reportFields,
    ),
  );
  // The primary document's own words are not in the bundle: a report of it already recorded keeps its words.
  const primaryWritten = await upsertReports(tx, primary, ['primary', ...placedKeys]);
  const created = ownWritten.created + primaryWritten.created;
  const updated = ownWritten.updated + primaryWritten.updated + dropped.length;
  return {
    created,
    updated,
    unchanged: own.length + primary.length - created - ownWritten.updated - primaryWritten.updated,
  };
}

function sum(a: { created: number; updated: number }, b: { created: number; updated: number }) {
  return { created: a.created + b.created, updated: a.updated + b.updated };
}

async function upsertReports(tx: Database, rows: ReportRow[], compared: readonly ReportColumn[]) {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const column = (name: keyof ReportRow) => claimReports[name as keyof typeof claimReports.$inferSelect];
  const excluded = (name: keyof ReportRow) => sql`excluded.${sql.identifier(column(name).name)}`;
  const written = await tx
    .insert(claimReports)
    .values(rows)
    .onConflictDoUpdate({
      target: [claimReports.claimId, claimReports.sourceId],
      set: Object.fromEntries(compared.map((name) => [name, excluded(name)])),
      setWhere: sql`(${sql.join(compared.map(column), sql`, `)}) IS DISTINCT FROM (${sql.join(compared.map(excluded), sql`, `)})`,
    })
    .returning({ inserted: sql<boolean>`xmax = 0` });
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created };
}

/** Where claims already stand in time, for a report that carries no date of its own. */
async function storedPlacement(tx: Database, claimIds: number[]) {
  if (claimIds.length === 0) return new Map<number, { placedStart: string; placedEnd: string }>();
  const rows = await tx
    .select({ id: claims.id, placedStart: claims.placedStart, placedEnd: claims.placedEnd })
    .from(claims)
    .where(inArray(claims.id, claimIds));
  return new Map(rows.map(({ id, ...placed }) => [id, placed]));
}
