import type { Database } from '../../../db/database.js';
import { claimEvents, claimSpeakers, claimStances, claims } from '../../../db/schema.js';
import { partialDateKeys, partialDateValues } from '../../partial-date-values.js';
import { placedColumns } from '../../writes/placed-columns.js';
import { placedOn, type SourceBundle } from '../source-bundle.js';
import { idsByNaturalKey, replaceChildren, upsertByNaturalKey } from '../upsert.js';
import { type Imported, outcome } from './outcome.js';

/** The ids, by natural key, of what the claims refer to. */
export interface ClaimReferences {
  actors: Map<string, number>;
  propositions: Map<string, number>;
  sources: Map<string, number>;
  events: Map<string, number>;
}

type Row = Record<string, unknown>;

/**
 * Writes the bundle's claims (`keys` are their natural keys, in order) with their speakers, stances and events: a
 * claim's children are exactly the bundle's.
 */
export async function importClaims(
  tx: Database,
  bundle: SourceBundle,
  keys: string[],
  refs: ClaimReferences,
): Promise<Imported> {
  const actorId = (slug: string) => refs.actors.get(slug)!;
  const optionalActorId = (slug: string | undefined) => (slug ? actorId(slug) : null);
  const rows = bundle.claims.map((c, index) => ({
    key: keys[index]!,
    text: c.text,
    context: c.context ?? null,
    mode: c.mode,
    medium: c.medium,
    speakerDescription: c.speakerDescription ?? null,
    anonymityReason: c.anonymityReason ?? null,
    viaId: optionalActorId(c.via),
    venueId: optionalActorId(c.venue),
    sourceId: refs.sources.get(bundle.source.url)!,
    firstAppearedInId: c.firstAppearedIn ? refs.sources.get(c.firstAppearedIn.url)! : null,
    ...partialDateValues('said', c.saidOn),
    ...placedColumns(placedOn(c, bundle.source)!),
  }));
  const written = await upsertByNaturalKey(tx, claims, claims.key, rows, [
    'text',
    'context',
    'mode',
    'medium',
    'speakerDescription',
    'anonymityReason',
    'viaId',
    'venueId',
    'sourceId',
    'firstAppearedInId',
    ...partialDateKeys('said'),
    'placedStart',
    'placedEnd',
  ]);
  const ids = await idsByNaturalKey(tx, claims, claims.key, keys);
  const claimId = (index: number) => ids.get(keys[index]!)!;
  const children = <T>(rowsOf: (index: number) => T[]) =>
    new Map(bundle.claims.map((_, index) => [claimId(index), rowsOf(index) as Row[]]));

  const speakers = await replaceChildren(
    tx,
    claimSpeakers,
    claimSpeakers.claimId,
    children((i) =>
      (bundle.claims[i]!.speakers ?? []).map((slug, position) => ({
        claimId: claimId(i),
        actorId: actorId(slug),
        position,
        placedStart: rows[i]!.placedStart,
        placedEnd: rows[i]!.placedEnd,
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
        claimId: claimId(i),
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
      (bundle.claims[i]!.events ?? []).map((slug) => ({ claimId: claimId(i), eventId: refs.events.get(slug)! })),
    ),
    ['eventId'],
  );

  const changed = new Set<number>([
    ...[...written.created, ...written.updated].map((key) => ids.get(key)!),
    ...speakers.changed,
    ...stances.changed,
    ...eventLinks.changed,
  ]);
  return { outcome: outcome(bundle.claims.length, written, (key) => ids.get(key)!, changed), ids };
}
