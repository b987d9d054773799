import type { Database } from '../../../db/database.js';
import type { BundleInput } from '../source-bundle.js';
import { IDENTIFIERS, partialDateOf, present } from './described.js';

type CatalogBundle = Pick<BundleInput, 'actors' | 'propositions' | 'events'>;

/**
 * Every actor, proposition and event, in bundles of their own (no source, no claims), `pageSize` to a bundle, read
 * page by page in id order, each with its identifiers. Actors come twice: first without their roles, then those with
 * roles with their roles, so that a role's organization is always in whosaid by the time the role is imported,
 * whichever actor it is.
 */
export async function* catalogBundles(db: Database, pageSize: number): AsyncGenerator<CatalogBundle> {
  for await (const page of pages((after) =>
    db.query.actors.findMany({
      columns: { id: true, slug: true, name: true, kind: true, description: true, aliases: true },
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      limit: pageSize,
      with: { identifiers: IDENTIFIERS },
    }),
  )) {
    yield { actors: page.map(({ id: _, slug, name, kind, ...rest }) => ({ slug, name, kind, ...present(rest) })) };
  }

  for await (const page of pages((after) =>
    db.query.actors.findMany({
      columns: { id: true, slug: true, name: true, kind: true, description: true, aliases: true },
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      limit: pageSize,
      with: {
        roles: {
          orderBy: { position: 'asc' },
          with: { organization: { columns: { slug: true } } },
        },
      },
    }),
  )) {
    const withRoles = page.filter((actor) => actor.roles.length > 0);
    if (withRoles.length === 0) continue;
    yield {
      actors: withRoles.map(({ id: _, roles, slug, name, kind, ...rest }) => ({
        slug,
        name,
        kind,
        ...present(rest),
        roles: roles.map((role) => ({
          title: role.title,
          ...present({
            organization: role.organization?.slug,
            start: partialDateOf(role.beganStart, role.beganPrecision, role.beganApproximate, role.beganText),
            end: partialDateOf(role.endedStart, role.endedPrecision, role.endedApproximate, role.endedText),
          }),
          ...(role.former ? { former: true } : {}),
        })),
      })),
    };
  }

  for await (const page of pages((after) =>
    db.query.propositions.findMany({
      columns: { id: true, slug: true, statement: true },
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      limit: pageSize,
    }),
  )) {
    yield { propositions: page.map(({ slug, statement }) => ({ slug, statement })) };
  }

  for await (const page of pages((after) =>
    db.query.events.findMany({
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      limit: pageSize,
      with: {
        participants: {
          orderBy: { position: 'asc' },
          with: { actor: { columns: { slug: true } } },
        },
        identifiers: IDENTIFIERS,
      },
    }),
  )) {
    yield {
      events: page.map((event) => ({
        slug: event.slug,
        title: event.title,
        ...present({
          kind: event.kind,
          description: event.description,
          occurredOn: partialDateOf(
            event.occurredStart,
            event.occurredPrecision,
            event.occurredApproximate,
            event.occurredText,
          ),
          endedOn: partialDateOf(event.endedStart, event.endedPrecision, event.endedApproximate, event.endedText),
          location: event.location,
          participants: event.participants.map((p) => ({
            actor: p.actor.slug,
            ...present({ role: p.role }),
          })),
          identifiers: event.identifiers,
        }),
      })),
    };
  }
}

/**
 * The pages of rows that `page` reads after a given id (keyset paging: each page is one statement of its own, so
 * that no cursor or transaction is held between them), one after another, until one comes back empty.
 */
export async function* pages<Row extends { id: number }>(
  page: (afterId: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}
