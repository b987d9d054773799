import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claims, sources } from '../../../db/schema.js';
import { ValidationError, type ValidationIssue } from '../../validation-error.js';
import { claimKey } from '../claim-key.js';
import type { SourceBundle } from '../source-bundle.js';

/** The natural key of each of the bundle's claims, in order; a bundle that names one claim twice is refused. */
export async function claimKeys(bundle: SourceBundle): Promise<string[]> {
  const keys = await Promise.all(bundle.claims.map((claim) => claimKey(claim, bundle.source.url)));
  const firstIndex = new Map<string, number>();
  const repeats: ValidationIssue[] = [];
  keys.forEach((key, index) => {
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      repeats.push({
        path: `claims[${index}]`,
        message: `repeats claims[${first}]: the same speakers, words and date`,
      });
  });
  if (repeats.length > 0) throw new ValidationError(repeats);
  return keys;
}

/** A claim key names one claim of one source: a bundle may not take over another source's claim by its key. */
export async function refuseKeysOfOtherSources(tx: Database, sourceUrl: string, keys: string[]): Promise<void> {
  const taken = await tx
    .select({ key: claims.key, url: sources.url })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(and(inArray(claims.key, keys), ne(sources.url, sourceUrl)));
  if (taken.length === 0) return;
  const owner = new Map(taken.map((row) => [row.key, row.url]));
  throw new ValidationError(
    keys.flatMap((key, index) =>
      owner.has(key)
        ? [{ path: `claims[${index}].key`, message: `"${key}" is a claim of another source, ${owner.get(key)}` }]
        : [],
    ),
  );
}
