import type { Database } from '../../../db/database.js';
import { actorRoles, actors } from '../../../db/schema.js';
import { partialDateKeys } from '../../partial-date-values.js';
import { actorRow, roleRow } from '../../writes/actor-rows.js';
import { listedAt, replaceIdentifiers } from '../../writes/identifiers.js';
import type { ParsedBundle } from '../source-bundle.js';
import { idsByNaturalKey, replaceChildren, upsertByNaturalKey } from '../upsert.js';
import { type Imported, outcome } from './outcome.js';
import { actorReferences } from './references.js';

/**
 * Writes the actors the bundle describes and their roles and identifiers (a described actor's roles, and its
 * identifiers where it lists them, are exactly the bundle's), and
 * returns the ids of every actor it mentions, those already stored (`stored`) among them.
 */
export async function importActors(tx: Database, bundle: ParsedBundle, stored: Map<string, number>): Promise<Imported> {
  const described = bundle.actors ?? [];
  const written = await upsertByNaturalKey(tx, actors, actors.slug, described.map(actorRow), [
    'name',
    'kind',
    'description',
    'aliases',
  ]);
  const ids = new Map(stored);
  const mentioned = actorReferences(bundle).map(([slug]) => slug);
  const unresolved = [...described.map((actor) => actor.slug), ...mentioned].filter((slug) => !ids.has(slug));
  for (const [slug, id] of await idsByNaturalKey(tx, actors, actors.slug, unresolved)) ids.set(slug, id);
  const actorId = (slug: string) => ids.get(slug)!;

  const roles = await replaceChildren(
    tx,
    actorRoles,
    actorRoles.actorId,
    new Map(
      described
        .filter((a) => a.roles)
        .map((a) => [
          actorId(a.slug),
          a.roles!.map((role, position) =>
            roleRow(actorId(a.slug), role, role.organization ? actorId(role.organization) : null, position),
          ),
        ]),
    ),
    ['title', 'organizationId', ...partialDateKeys('began'), ...partialDateKeys('ended'), 'former', 'position'],
  );
  const identified = await replaceIdentifiers(
    tx,
    'actor',
    described.flatMap((a, index) =>
      a.identifiers
        ? [
            {
              ownerId: actorId(a.slug),
              owner: a.slug,
              identifiers: a.identifiers,
              valuePath: listedAt(`actors[${index}].identifiers`),
            },
          ]
        : [],
    ),
  );
  return { outcome: outcome(described.length, written, actorId, new Set([...roles.changed, ...identified])), ids };
}
