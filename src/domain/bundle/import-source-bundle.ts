import type { Database } from '../../db/database.js';
import { type DuplicateCandidate, possibleDuplicates } from '../../db/duplicates.js';
import { ValidationError } from '../validation-error.js';
import { writeTransaction } from '../writes/write-transaction.js';
import { importActors } from './import/actors.js';
import { claimKeys, reportedClaims } from './import/claim-keys.js';
import { importClaims } from './import/claims.js';
import { importEvents } from './import/events.js';
import { importPropositions } from './import/propositions.js';
import { resolveReferences } from './import/references.js';
import { importReviews } from './import/reviews.js';
import { importSources } from './import/sources.js';
import { sourceBundleSchema } from './source-bundle.js';
import type { Outcome } from './upsert.js';

export interface ImportSummary {
  sources: Outcome;
  actors: Outcome;
  propositions: Outcome;
  events: Outcome;
  claims: Outcome;
  reports: Outcome;
  /** The fact-checkers' reviews of the claims, by url. */
  reviews: Outcome;
  /** The claims' translations: one that the bundle's source no longer prints counts as updated. */
  translations: Outcome;
  /**
   * Claims already in whosaid that may be the same utterance as one the import created or changed (`claimId`): the
   * import never merges them on its own guess; mergeClaims does, when an editor says so.
   */
  likelyDuplicates: DuplicateCandidate[];
}

/**
 * Validates a source bundle and writes it in one transaction, by natural keys (source url; actor, proposition and
 * event slugs; claim key), so that importing it again changes nothing and an amended bundle updates in place. An
 * entry that names a claim whosaid already has (`sameAs`, or the key of another source's claim) adds the source's
 * report of it. Claims that only look alike are listed as likely duplicates, never merged.
 * Throws a ValidationError naming every field that is wrong, having written nothing.
 */
export async function importSourceBundle(
  db: Database,
  input: unknown,
  options: { changedBy?: string; keepStoredSource?: boolean } = {},
): Promise<ImportSummary> {
  const parsed = sourceBundleSchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const bundle = parsed.data;
  const { source } = bundle;
  const sourced = source ? { ...bundle, source } : undefined;
  const keys = sourced ? await claimKeys(sourced) : [];
  return writeTransaction(db, options.changedBy ?? 'system', async (tx) => {
    const stored = await resolveReferences(tx, bundle);
    const reported = sourced ? await reportedClaims(tx, sourced, keys) : new Map<number, number>();
    const actors = await importActors(tx, bundle, stored.actors);
    const propositions = await importPropositions(tx, bundle, stored.propositions);
    if (!sourced) {
      const events = await importEvents(tx, bundle, actors.ids);
      const none = { created: 0, updated: 0, unchanged: 0 };
      return {
        sources: none,
        actors: actors.outcome,
        propositions: propositions.outcome,
        events: events.outcome,
        claims: none,
        reports: none,
        reviews: none,
        translations: none,
        likelyDuplicates: [],
      };
    }
    const sources = await importSources(tx, sourced, actors.ids, options.keepStoredSource ?? false);
    const events = await importEvents(tx, bundle, actors.ids);
    const refs = { actors: actors.ids, propositions: propositions.ids, sources: sources.ids, events: events.ids };
    const claims = await importClaims(tx, sourced, keys, reported, refs);
    const reviews = await importReviews(tx, sourced, claims.claimIds, actors.ids);
    return {
      sources: sources.outcome,
      actors: actors.outcome,
      propositions: propositions.outcome,
      events: events.outcome,
      claims: claims.claims,
      reports: claims.reports,
      reviews,
      translations: claims.translations,
      likelyDuplicates: await possibleDuplicates(tx, claims.writtenIds),
    };
  });
}
