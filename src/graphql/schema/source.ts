import { sources } from '../../db/schema.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { partialDateOf, PartialDate } from './partial-date.js';
import { SourceKind } from './vocabulary.js';

builder.drizzleNode('sources', {
  name: 'Source',
  description: 'A document that reports statements: an article, an interview, a report, a press release, an op-ed.',
  id: { column: (source) => source.id },
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Its web address, or a urn: for a document that has none.' }),
    title: t.exposeString('title'),
    kind: t.expose('kind', { type: SourceKind }),
    publisher: t.relation('publisher', { nullable: true }),
    authors: t.field({
      type: [Actor],
      select: (_args, _ctx, nestedSelection) => ({
        with: { authorLinks: { orderBy: { position: 'asc' }, with: { actor: nestedSelection(true) } } },
      }),
      resolve: (source) => source.authorLinks.map((link) => link.actor),
    }),
    publishedOn: t.field({ type: PartialDate, nullable: true, resolve: (source) => partialDateOf(source, 'published') }),
    claims: t.relatedConnection('claims', {
      description: 'The claims this source reports, in the order they were said.',
      totalCount: true,
      query: { orderBy: { placedStart: 'asc', id: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  source: t.drizzleField({
    type: 'sources',
    nullable: true,
    args: { url: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.query.sources.findFirst(query({ where: { url: args.url } })),
  }),
  sources: t.drizzleConnection({
    type: 'sources',
    totalCount: (_root, _args, ctx) => ctx.db.$count(sources),
    resolve: (query, _root, _args, ctx) => ctx.db.query.sources.findMany(query({ orderBy: { url: 'asc' } })),
  }),
}));
