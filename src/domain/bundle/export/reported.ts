import type { Database } from '../../../db/database.js';
import type { ClaimInput, SourceBundle } from '../source-bundle.js';
import { describeSource, present, SOURCE_DESCRIPTION } from './described.js';
import { reportPlacement, TRANSLATIONS, translationsBy } from './recorded.js';

/**
 * Every report of a claim by a source other than the one that recorded it, as entries naming the claim by its key
 * and its recording source (`recordedBy`), with the translations that source printed (an entry without them would
 * remove them), grouped by source, `pageSize` entries to a bundle at most. They come after every source's own claims,
 * so that each names a claim already imported. Read page by page in (source, claim) order.
 */
export async function* reportedBundles(db: Database, pageSize: number): AsyncGenerator<SourceBundle> {
  let after = { sourceId: 0, claimId: 0 };
  let pending: SourceBundle | undefined;
  let pendingSourceId = 0;
  for (;;) {
    const rows = await db.query.claimReports.findMany({
      where: {
        RAW: (reports, { sql }) =>
          sql`(${reports.sourceId}, ${reports.claimId}) > (${after.sourceId}, ${after.claimId})
            AND ${reports.sourceId} <> (SELECT c.source_id FROM claims c WHERE c.id = ${reports.claimId})`,
      },
      orderBy: { sourceId: 'asc', claimId: 'asc' },
      limit: pageSize,
      with: {
        source: SOURCE_DESCRIPTION,
        claim: {
          columns: { key: true, medium: true },
          with: {
            recordedFrom: { columns: { url: true } },
            translations: { ...TRANSLATIONS, where: { translatorSourceId: { isNotNull: true } } },
          },
        },
      },
    });
    for (const row of rows) {
      if (pending && (pendingSourceId !== row.sourceId || pending.claims.length === pageSize)) {
        yield pending;
        pending = undefined;
      }
      pending ??= { source: describeSource(row.source), claims: [] };
      pendingSourceId = row.sourceId;
      pending.claims.push({
        key: row.claim.key,
        recordedBy: row.claim.recordedFrom.url,
        text: row.text,
        mode: row.mode,
        medium: row.claim.medium,
        ...present({
          report: reportPlacement(row),
          translations: translationsBy(row.claim.translations, [row.sourceId]),
        }),
      } as ClaimInput);
    }
    if (rows.length < pageSize) break;
    after = { sourceId: rows.at(-1)!.sourceId, claimId: rows.at(-1)!.claimId };
  }
  if (pending) yield pending;
}
