import type { Database } from '../../../db/database.js';
import type { BundleInput } from '../source-bundle.js';
import { catalogBundles } from './catalog.js';
import { recordedBundles } from './recorded.js';
import { reportedBundles } from './reported.js';

/** How many actors, sources, claims or reports the export reads at a time, and puts in one bundle at most. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * The whole archive as source bundles, in the order importing them one after another rebuilds it: first every actor,
 * proposition and event (bundles without a source); then every source with the claims it recorded; then every
 * source's reports of claims other sources recorded. Read page by page, so that memory does not grow with the
 * archive; not a snapshot: a write made while the export runs may be in it in part.
 */
export async function* exportBundles(db: Database, options: { pageSize?: number } = {}): AsyncGenerator<BundleInput> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  yield* catalogBundles(db, pageSize);
  yield* recordedBundles(db, pageSize);
  yield* reportedBundles(db, pageSize);
}
