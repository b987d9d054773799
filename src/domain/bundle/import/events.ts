import type { Database } from '../../../db/database.js';
import { eventParticipants, events } from '../../../db/schema.js';
import { partialDateKeys } from '../../partial-date-values.js';
import { eventRow, participantRow } from '../../writes/event-rows.js';
import { listedAt, replaceIdentifiers } from '../../writes/identifiers.js';
import type { ParsedBundle } from '../source-bundle.js';
import { idsByNaturalKey, replaceChildren, upsertByNaturalKey } from '../upsert.js';
import { type Imported, outcome } from './outcome.js';

/**
 * Writes the events the bundle describes with their participants and, where it lists them, their identifiers, and
 * returns the ids of every event it mentions.
 */
export async function importEvents(
  tx: Database,
  bundle: ParsedBundle,
  actorIds: Map<string, number>,
): Promise<Imported> {
  const described = bundle.events ?? [];
  const written = await upsertByNaturalKey(tx, events, events.slug, described.map(eventRow), [
    'title',
    'kind',
    'description',
    'location',
    ...partialDateKeys('occurred'),
    ...partialDateKeys('ended'),
  ]);
  const mentioned = [...described.map((e) => e.slug), ...bundle.claims.flatMap((c) => c.events ?? [])];
  const ids = await idsByNaturalKey(tx, events, events.slug, mentioned);
  const participants = await replaceChildren(
    tx,
    eventParticipants,
    eventParticipants.eventId,
    new Map(
      described
        .filter((e) => e.participants)
        .map((e) => [
          ids.get(e.slug)!,
          e.participants!.map((p, position) => participantRow(ids.get(e.slug)!, actorIds.get(p.actor)!, p, position)),
        ]),
    ),
    ['actorId', 'role', 'position'],
  );
  const identified = await replaceIdentifiers(
    tx,
    'event',
    described.flatMap((e, index) =>
      e.identifiers
        ? [
            {
              ownerId: ids.get(e.slug)!,
              owner: e.slug,
              identifiers: e.identifiers,
              valuePath: listedAt(`events[${index}].identifiers`),
            },
          ]
        : [],
    ),
  );
  const changed = new Set([...participants.changed, ...identified]);
  return { outcome: outcome(described.length, written, (slug) => ids.get(slug)!, changed), ids };
}
