import { actors } from '../../db/schema.js';
import { identifierUrl } from '../../domain/identifiers/identifier-input.js';
import { addRole, createActor, updateActor } from '../../domain/writes/actors.js';
import { idBySlug } from '../../domain/writes/id-by-slug.js';
import { builder } from '../builder.js';
import { countMatching } from './count-matching.js';
import {
  IDENTIFIERS,
  IDENTIFIERS_DESCRIPTION,
  Identifier,
  IdentifierInput,
  identifierLookup,
  oneKey,
  SAME_AS_DESCRIPTION,
} from './identifier.js';
import { PartialDate, partialDateOf } from './partial-date.js';
import { AS_OF_DESCRIPTION, positionsHeld, Shift } from './position.js';
import { rowColumns } from './row-columns.js';
import { DateScalar } from './scalars.js';
import { ActorInput, RoleInput, withoutNulls } from './source-bundle-input.js';
import { ActorKind, Stance } from './vocabulary.js';
import { loadWritten } from './written-row.js';

export const Actor = builder.drizzleNode('actors', {
  select: { columns: rowColumns(actors) },
  name: 'Actor',
  description: 'A person, organisation, government or media outlet that says things or is said to.',
  id: { column: (actor) => actor.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: ActorKind }),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.exposeStringList('aliases'),
    identifiers: t.field({
      type: [Identifier],
      description: IDENTIFIERS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (actor) => actor.identifiers,
    }),
    sameAs: t.stringList({
      description: SAME_AS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (actor) => actor.identifiers.map(identifierUrl),
    }),
    version: t.exposeInt('version', {
      description: 'Goes up by one with every change; updates name the one they saw.',
    }),
    roles: t.relation('roles', {
      description: 'Titles held over time, in the order the sources give them.',
      query: { orderBy: { position: 'asc' } },
    }),
    revisions: t.relation('revisions', {
      description: 'Every change to it, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    positions: t.relation('positions', {
      description: 'Where the actor stands on each proposition, by their latest claim on it.',
      args: { stance: t.arg({ type: Stance }), asOf: t.arg({ type: DateScalar, description: AS_OF_DESCRIPTION }) },
      query: (args) => ({ where: positionsHeld(args.asOf, args.stance), orderBy: { propositionId: 'asc' } }),
    }),
    shifts: t.relation('shifts', {
      type: Shift,
      description: 'Each time the actor changed their stance on a proposition, in the order they did.',
      query: { orderBy: { placedStart: 'asc', propositionId: 'asc', placedEnd: 'asc', evidenceClaimId: 'asc' } },
    }),
  }),
});

builder.drizzleObject('actorRoles', {
  name: 'Role',
  fields: (t) => ({
    title: t.exposeString('title'),
    organization: t.relation('organization', { nullable: true }),
    start: t.field({ type: PartialDate, nullable: true, resolve: (role) => partialDateOf(role, 'began') }),
    end: t.field({ type: PartialDate, nullable: true, resolve: (role) => partialDateOf(role, 'ended') }),
    current: t.boolean({
      description: 'False once the role has ended, even where the sources give no end date ("former").',
      resolve: (role) => !role.former && role.endedStart === null,
    }),
  }),
});

const ActorFilter = builder.inputType('ActorFilter', {
  fields: (t) => ({
    search: t.string({ description: 'Part of a name or alias, in any case.' }),
    kind: t.field({ type: ActorKind }),
  }),
});

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

builder.queryFields((t) => ({
  actor: t.drizzleField({
    type: 'actors',
    nullable: true,
    description: 'The actor with this slug, or with this identifier; null where there is none.',
    args: { slug: t.arg.string(), identifier: t.arg({ type: IdentifierInput }) },
    resolve: (query, _root, args, ctx) => {
      oneKey('slug', args);
      const where = args.slug ? { slug: args.slug } : identifierLookup(args.identifier!);
      return ctx.db.query.actors.findFirst(query({ where }));
    },
  }),
  actors: t.drizzleConnection({
    type: 'actors',
    args: { filter: t.arg({ type: ActorFilter }) },
    totalCount: (_root, args, ctx) => countMatching(ctx.db.query.actors, actorWhere(args.filter)),
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.actors.findMany(query({ where: actorWhere(args.filter), orderBy: { slug: 'asc' } })),
  }),
}));

function actorWhere(filter: { search?: string | null; kind?: typeof ActorKind.$inferType | null } | null | undefined) {
  const search = filter?.search?.trim();
  return {
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(search
      ? {
          RAW: (actors: { name: unknown; aliases: unknown }, { sql }: { sql: typeof import('drizzle-orm').sql }) =>
            sql`(${actors.name} ILIKE ${likePattern(search)} OR EXISTS (SELECT 1 FROM unnest(${actors.aliases}) AS alias WHERE alias ILIKE ${likePattern(search)}))`,
        }
      : {}),
  };
}

const ActorChanges = builder.inputType('ActorChanges', {
  description: 'The fields to change; those left out stay as they are.',
  fields: (t) => ({
    name: t.string(),
    kind: t.field({ type: ActorKind }),
    description: t.string(),
    aliases: t.stringList(),
  }),
});

builder.mutationFields((t) => {
  const editor = t.withAuth({ editor: true });
  return {
    createActor: editor.drizzleField({
      type: 'actors',
      errors: {},
      args: { input: t.arg({ type: ActorInput, required: true }) },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.actors, query, () => createActor(ctx.db, withoutNulls(args.input), ctx.viewer.name)),
    }),
    updateActor: editor.drizzleField({
      type: 'actors',
      errors: {},
      args: {
        slug: t.arg.string({ required: true }),
        expectedVersion: t.arg.int({ required: true }),
        changes: t.arg({ type: ActorChanges, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.actors, query, async () => {
          const id = await idBySlug(ctx.db.query.actors, 'actor', args.slug);
          await updateActor(ctx.db, id, args.expectedVersion, withoutNulls(args.changes), ctx.viewer.name);
          return id;
        }),
    }),
    addRole: editor.drizzleField({
      type: 'actors',
      errors: {},
      args: { actor: t.arg.string({ required: true }), role: t.arg({ type: RoleInput, required: true }) },
      resolve: (query, _root, args, ctx) =>
        loadWritten(ctx.db.query.actors, query, async () => {
          const id = await idBySlug(ctx.db.query.actors, 'actor', args.actor);
          await addRole(ctx.db, id, withoutNulls(args.role), ctx.viewer.name);
          return id;
        }),
    }),
  };
});
