import { inArray } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { claimEvents, claimSpeakers, claimStances, claims } from '../../../db/schema.js';
import { partialDateKeys, partialDateValues } from '../../partial-date-values.js';
import { placeClaims } from '../../writes/claim-placement.js';
import { placedColumns } from '../../writes/placed-columns.js';
import { refreshDrift } from '../../writes/report-drift.js';
import { ConcurrentWriteError } from '../../writes/write-transaction.js';
import { DEFAULT_LANGUAGE, placedOn, type SourceBundle } from '../source-bundle.js';
import { type Outcome, replaceChildren, upsertByNaturalKey } from '../upsert.js';
import { importEditorialState } from './editorial.js';
import { outcome } from './outcome.js';
import { importReports } from './reports.js';
import { importTranslations } from './translations.js';

/** The ids, by natural key, of what the claims refer to. */
export interface ClaimReferences {
  actors: Map<string, number>;
  propositions: Map<string, number>;
  sources: Map<string, number>;
  events: Map<string, number>;
}

type Row = Record<string, unknown>;

export interface ImportedClaims {
  claims: Outcome;
  reports: Outcome;
  translations: Outcome;
  /** The id of the claim each of the bundle's entries names, in order. */
  claimIds: number[];
  /** The claims of the bundle's source that it created or changed. */
  writtenIds: number[];
}

/**
 * Writes the bundle's claims (`keys` are their natural keys, in order) with their speakers, stances and events, and
 * every entry's report. A claim the bundle's source recorded is exactly the bundle's; an entry that `reported` names
 * as another claim adds its report only. Each claim is then placed in time, when said or at its earliest report, and
 * its reports marked drifted where they differ from its baseline report.
 */
export async function importClaims(
  tx: Database,
  bundle: SourceBundle,
  keys: string[],
  reported: Map<number, number>,
  refs: ClaimReferences,
): Promise<ImportedClaims> {
  const actorId = (slug: string) => refs.actors.get(slug)!;
  const optionalActorId = (slug: string | undefined) => (slug ? actorId(slug) : null);
  const owned = bundle.claims.flatMap((_, index) => (reported.has(index) ? [] : [index]));
  const rows = owned.map((index) => {
    const c = bundle.claims[index]!;
    return {
      key: keys[index]!,
      text: c.text,
      language: c.language ?? DEFAULT_LANGUAGE,
      context: c.context ?? null,
      mode: c.mode,
      medium: c.medium,
      speakerDescription: c.speakerDescription ?? null,
      anonymityReason: c.anonymityReason ?? null,
      viaId: optionalActorId(c.via),
      venueId: optionalActorId(c.venue),
      sourceId: refs.sources.get(bundle.source.url)!,
      ...partialDateValues('said', c.saidOn),
      ...placedColumns(placedOn(c, bundle.source)!),
    };
  });
  // Where a claim stands in time is placeClaims' to say, once its reports are written: an update leaves it alone.
  const written = await upsertByNaturalKey(tx, claims, claims.key, rows, [
    'text',
    'language',
    'context',
    'mode',
    'medium',
    'speakerDescription',
    'anonymityReason',
    'viaId',
    'venueId',
    ...partialDateKeys('said'),
  ]);
  const ids = await ownedClaimIds(
    tx,
    owned.map((index) => keys[index]!),
    refs.sources.get(bundle.source.url)!,
  );
  const claimIdAt = (index: number) => reported.get(index) ?? ids.get(keys[index]!)!;
  const claimIds = bundle.claims.map((_, index) => claimIdAt(index));
  const reports = await importReports(tx, bundle, claimIdAt, new Set(owned), refs.sources);
  const translations = await importTranslations(
    tx,
    bundle,
    claimIdAt,
    new Set(owned),
    refs.sources.get(bundle.source.url)!,
  );
  await placeClaims(tx, claimIds);
  await refreshDrift(tx, claimIds);

  const ownedIds = owned.map(claimIdAt);
  const placed = new Map(
    (
      await tx
        .select({ id: claims.id, placedStart: claims.placedStart, placedEnd: claims.placedEnd })
        .from(claims)
        .where(inArray(claims.id, ownedIds.length ? ownedIds : [0]))
    ).map(({ id, ...dates }) => [id, dates]),
  );
  const children = <T>(rowsOf: (index: number) => T[]) =>
    new Map(owned.map((index) => [claimIdAt(index), rowsOf(index) as Row[]]));

  const speakers = await replaceChildren(
    tx,
    claimSpeakers,
    claimSpeakers.claimId,
    children((i) =>
      (bundle.claims[i]!.speakers ?? []).map((slug, position) => ({
        claimId: claimIdAt(i),
        actorId: actorId(slug),
        position,
        ...placed.get(claimIdAt(i))!,
      })),
    ),
    ['actorId', 'position'],
  );
  const stances = await replaceChildren(
    tx,
    claimStances,
    claimStances.claimId,
    children((i) =>
      (bundle.claims[i]!.stances ?? []).map((s) => ({
        claimId: claimIdAt(i),
        propositionId: refs.propositions.get(s.proposition)!,
        stance: s.stance,
      })),
    ),
    ['propositionId', 'stance'],
  );
  const eventLinks = await replaceChildren(
    tx,
    claimEvents,
    claimEvents.claimId,
    children((i) =>
      (bundle.claims[i]!.events ?? []).map((slug) => ({ claimId: claimIdAt(i), eventId: refs.events.get(slug)! })),
    ),
    ['eventId'],
  );

  const decided = await importEditorialState(tx, bundle, owned, claimIdAt, refs.sources);

  const changed = new Set<number>([
    ...decided,
    ...[...written.created, ...written.updated].map((key) => ids.get(key)!),
    ...speakers.changed,
    ...stances.changed,
    ...eventLinks.changed,
  ]);
  return {
    claims: outcome(owned.length, written, (key) => ids.get(key)!, changed),
    reports,
    translations,
    claimIds,
    writtenIds: [...changed],
  };
}

/**
 * The ids of the claims the bundle's source records, by key, once they are written. Another source's import that
 * created a claim of the same key a moment earlier, while this import took it for new, made the upsert rewrite that
 * claim as this source's: the import is then run again, and finds the claim to report rather than to record.
 */
async function ownedClaimIds(tx: Database, keys: string[], sourceId: number): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select({ key: claims.key, id: claims.id, sourceId: claims.sourceId })
    .from(claims)
    .where(inArray(claims.key, keys));
  if (rows.length < new Set(keys).size || rows.some((row) => row.sourceId !== sourceId)) {
    throw new ConcurrentWriteError('Another import recorded a claim of this bundle while it ran');
  }
  return new Map(rows.map((row) => [row.key, row.id]));
}
