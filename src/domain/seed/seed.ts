import type { Database } from '../../db/database.js';
import { type ImportSummary, importSourceBundle } from '../bundle/import-source-bundle.js';
import voxRussiaIsis from './vox-2017-05-16-russia-isis.json' with { type: 'json' };

/** The article whosaid was conceived on, as a source bundle. */
export const seedBundles: unknown[] = [voxRussiaIsis];

/** Loads the seed bundles through the same import as any client's bundle. */
export async function seedDatabase(db: Database): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = [];
  for (const bundle of seedBundles) summaries.push(await importSourceBundle(db, bundle, { changedBy: 'seed' }));
  return summaries;
}
