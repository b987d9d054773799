import { sources } from '../../db/schema.js';
import { type ImportSummary, importSourceBundle } from '../../domain/bundle/import-source-bundle.js';
import type { Outcome } from '../../domain/bundle/upsert.js';
import { identifierUrl } from '../../domain/identifiers/identifier-input.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import {
  IDENTIFIERS,
  IDENTIFIERS_DESCRIPTION,
  Identifier,
  IdentifierInput,
  identifierLookup,
  oneKey,
  SAME_AS_DESCRIPTION,
} from './identifier.js';
import { PartialDate, partialDateOf, partialDateSelect } from './partial-date.js';
import { rowColumns } from './row-columns.js';
import { SourceBundleInput, withoutNulls } from './source-bundle-input.js';
import { SourceKind } from './vocabulary.js';

export const Source = builder.drizzleNode('sources', {
  select: { columns: rowColumns(sources) },
  name: 'Source',
  description: 'A document that reports statements: an article, an interview, a report, a press release, an op-ed.',
  id: { column: (source) => source.id },
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Its web address, or a urn: for a document that has none.' }),
    title: t.exposeString('title'),
    kind: t.expose('kind', { type: SourceKind }),
    version: t.exposeInt('version'),
    publisher: t.relation('publisher', { nullable: true }),
    authors: t.field({
      type: [Actor],
      select: (_args, _ctx, nestedSelection) => ({
        with: { authorLinks: { orderBy: { position: 'asc' }, with: { actor: nestedSelection(true) } } },
      }),
      resolve: (source) => source.authorLinks.map((link) => link.actor),
    }),
    identifiers: t.field({
      type: [Identifier],
      description: IDENTIFIERS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (source) => source.identifiers,
    }),
    sameAs: t.stringList({
      description: SAME_AS_DESCRIPTION,
      select: { with: { identifiers: IDENTIFIERS } },
      resolve: (source) => source.identifiers.map(identifierUrl),
    }),
    publishedOn: t.field({
      type: PartialDate,
      nullable: true,
      select: partialDateSelect('published'),
      resolve: (source) => partialDateOf(source, 'published'),
    }),
    claims: t.relatedConnection('claims', {
      description: 'The claims this source reports (through its reports of them), in the order they were said.',
      totalCount: true,
      args: { includeRetracted: t.arg.boolean({ defaultValue: false }) },
      query: (args) => ({
        where: args.includeRetracted ? {} : { retractedAt: { isNull: true } },
        orderBy: { placedStart: 'asc', placedEnd: 'asc', id: 'asc' },
      }),
    }),
  }),
});

builder.queryFields((t) => ({
  source: t.drizzleField({
    type: 'sources',
    nullable: true,
    description: 'The source at this url, or with this identifier; null where there is none.',
    args: { url: t.arg.string(), identifier: t.arg({ type: IdentifierInput }) },
    resolve: (query, _root, args, ctx) => {
      oneKey('url', args);
      const where = args.url ? { url: args.url } : identifierLookup(args.identifier!);
      return ctx.db.query.sources.findFirst(query({ where }));
    },
  }),
  sources: t.drizzleConnection({
    type: 'sources',
    totalCount: (_root, _args, ctx) => ctx.db.$count(sources),
    resolve: (query, _root, _args, ctx) => ctx.db.query.sources.findMany(query({ orderBy: { url: 'asc' } })),
  }),
}));

const ImportOutcome = builder.objectRef<Outcome>('ImportOutcome').implement({
  fields: (t) => ({
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
  }),
});

export const ImportSummaryType = builder.objectRef<ImportSummary>('ImportSummary').implement({
  description: 'What an import created, updated and left unchanged, by kind.',
  fields: (t) => ({
    sources: t.expose('sources', { type: ImportOutcome }),
    actors: t.expose('actors', { type: ImportOutcome }),
    propositions: t.expose('propositions', { type: ImportOutcome }),
    events: t.expose('events', { type: ImportOutcome }),
    claims: t.expose('claims', { type: ImportOutcome }),
    reports: t.expose('reports', {
      type: ImportOutcome,
      description: "The sources' reports of the claims: one per entry, and each new claim's primary report.",
    }),
    reviews: t.expose('reviews', {
      type: ImportOutcome,
      description: "The fact-checkers' reviews of the claims, by url: one imported again is updated in place.",
    }),
    translations: t.expose('translations', {
      type: ImportOutcome,
      description: "The claims' translations; one that the bundle no longer has, and so removed, counts as updated.",
    }),
  }),
});

builder.mutationFields((t) => ({
  importSource: t.withAuth({ editor: true }).field({
    type: ImportSummaryType,
    description: 'Imports a source bundle in one transaction, by natural keys: importing it again changes nothing.',
    errors: {},
    args: { input: t.arg({ type: SourceBundleInput, required: true }) },
    resolve: (_root, args, ctx) => importSourceBundle(ctx.db, withoutNulls(args.input), { changedBy: ctx.viewer.name }),
  }),
}));
