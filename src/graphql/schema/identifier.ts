import type { Database } from '../../db/database.js';
import { IDENTIFIER_SCHEMES } from '../../db/vocabulary.js';
import { type Identifier as IdentifierValue, identifierUrl } from '../../domain/identifiers/identifier-input.js';
import { ValidationError } from '../../domain/validation-error.js';
import { NotFoundError } from '../../domain/write-errors.js';
import { idBySlug } from '../../domain/writes/id-by-slug.js';
import { addIdentifier, parseIdentifier, removeIdentifier } from '../../domain/writes/identifiers.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import { loadWritten } from './written-row.js';

export const IdentifierScheme = builder.enumType('IdentifierScheme', {
  description: 'A registry, or a kind of web page, that identifies an actor, a source or an event outside whosaid.',
  values: {
    WIKIDATA: { description: 'A Wikidata item: Q and digits, such as Q22686.' },
    VIAF: { description: 'A Virtual International Authority File id: digits.' },
    ISNI: { description: 'An International Standard Name Identifier: 16 characters, the last a check character.' },
    ORCID: { description: 'An ORCID iD: 0000-0002-1825-0097, the last character a check character.' },
    OPENSANCTIONS: { description: 'An OpenSanctions entity id, such as Q7747 or NK-….' },
    WEBSITE: { description: 'Its own web site: an http(s) URL. An entity may have several.' },
    SOCIAL: { description: 'A profile on a social network: an http(s) URL. An entity may have several.' },
  } satisfies Record<(typeof IDENTIFIER_SCHEMES)[number], unknown>,
});

export const Identifier = builder.objectRef<IdentifierValue>('Identifier').implement({
  description: 'An id of the entity outside whosaid, as whosaid stores it (normalised: Q22686, 000000012103268X).',
  fields: (t) => ({
    scheme: t.expose('scheme', { type: IdentifierScheme }),
    value: t.exposeString('value'),
    url: t.string({
      description: "The id's canonical page: its Wikidata item, VIAF or ISNI record, ORCID profile, or the URL itself.",
      resolve: identifierUrl,
    }),
  }),
});

export const IdentifierInput = builder.inputType('IdentifierInput', {
  description: 'An id outside whosaid. Values are normalised: q22686 is Q22686, an ISNI may have spaces.',
  fields: (t) => ({
    scheme: t.field({ type: IdentifierScheme, required: true }),
    value: t.string({ required: true }),
  }),
});

/** An entity's identifiers, as its type loads them with itself: in scheme order, then by value. */
export const IDENTIFIERS = {
  columns: { scheme: true, value: true },
  orderBy: { scheme: 'asc', value: 'asc' },
} as const;

export const IDENTIFIERS_DESCRIPTION = 'Its ids outside whosaid, in the order of their schemes.';
export const SAME_AS_DESCRIPTION = "The canonical pages of its identifiers, as schema.org's sameAs lists them.";

/**
 * The condition of a lookup by identifier, its value normalised as stored; a malformed one is refused
 * (BAD_USER_INPUT) naming the argument.
 */
export function identifierLookup(identifier: { scheme: IdentifierValue['scheme']; value: string }): {
  identifiers: IdentifierValue;
} {
  try {
    return { identifiers: parseIdentifier(identifier) };
  } catch (error) {
    if (error instanceof ValidationError) throw badInput(error.message);
    throw error;
  }
}

/** A lookup's arguments: the natural key (`slug`, `url`) or an identifier, exactly one of them. */
export function oneKey(key: string, args: Record<string, unknown>): void {
  const given = [key, 'identifier'].filter((name) => args[name] !== null && args[name] !== undefined);
  if (given.length !== 1) throw badInput(`Give ${key} or identifier, one of them`);
}

async function sourceIdByUrl(db: Database, url: string): Promise<number> {
  const row = await db.query.sources.findFirst({ where: { url }, columns: { id: true } });
  if (!row) throw new NotFoundError(`No source has the url "${url}"`);
  return row.id;
}

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  const identifier = () => t.arg({ type: IdentifierInput, required: true });
  const slugOf = (what: string) => t.arg.string({ required: true, description: `The ${what}'s slug.` });
  const urlOfSource = () => t.arg.string({ required: true, description: "The source's url." });
  return {
    addActorIdentifier: editor.drizzleField({
      type: 'actors',
      description: 'Adds an identifier to an actor; adding one it has changes nothing.',
      errors: {},
      args: { actor: slugOf('actor'), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.actors, query, async () => {
          const id = await idBySlug(ctx.db.query.actors, 'actor', args.actor);
          await addIdentifier(ctx.db, 'actor', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
    removeActorIdentifier: editor.drizzleField({
      type: 'actors',
      description: 'Removes an identifier from an actor.',
      errors: {},
      args: { actor: slugOf('actor'), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.actors, query, async () => {
          const id = await idBySlug(ctx.db.query.actors, 'actor', args.actor);
          await removeIdentifier(ctx.db, 'actor', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
    addSourceIdentifier: editor.drizzleField({
      type: 'sources',
      description: 'Adds an identifier to a source; adding one it has changes nothing.',
      errors: {},
      args: { source: urlOfSource(), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.sources, query, async () => {
          const id = await sourceIdByUrl(ctx.db, args.source);
          await addIdentifier(ctx.db, 'source', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
    removeSourceIdentifier: editor.drizzleField({
      type: 'sources',
      description: 'Removes an identifier from a source.',
      errors: {},
      args: { source: urlOfSource(), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.sources, query, async () => {
          const id = await sourceIdByUrl(ctx.db, args.source);
          await removeIdentifier(ctx.db, 'source', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
    addEventIdentifier: editor.drizzleField({
      type: 'events',
      description: 'Adds an identifier to an event; adding one it has changes nothing.',
      errors: {},
      args: { event: slugOf('event'), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.events, query, async () => {
          const id = await idBySlug(ctx.db.query.events, 'event', args.event);
          await addIdentifier(ctx.db, 'event', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
    removeEventIdentifier: editor.drizzleField({
      type: 'events',
      description: 'Removes an identifier from an event.',
      errors: {},
      args: { event: slugOf('event'), identifier: identifier() },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.events, query, async () => {
          const id = await idBySlug(ctx.db.query.events, 'event', args.event);
          await removeIdentifier(ctx.db, 'event', id, args.identifier, ctx.viewer.name);
          return id;
        }),
    }),
  };
});
