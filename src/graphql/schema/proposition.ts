import { propositions } from '../../db/schema.js';
import { createProposition } from '../../writes/propositions.js';
import { builder } from '../builder.js';
import { WRITE_ERRORS } from './errors.js';
import { PropositionInput, withoutNulls } from './source-bundle-input.js';
import { Stance } from './vocabulary.js';

builder.drizzleNode('propositions', {
  name: 'Proposition',
  description: 'A normalised statement that claims take sides on.',
  id: { column: (proposition) => proposition.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    statement: t.exposeString('statement'),
    version: t.exposeInt('version'),
    revisions: t.relation('revisions', {
      description: 'Every change to it, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
    positions: t.relation('positions', {
      description: 'Where each actor stands on it, by their latest claim on it.',
      args: { stance: t.arg({ type: Stance }) },
      query: (args) => ({ where: args.stance ? { stance: args.stance } : {}, orderBy: { actorId: 'asc' } }),
    }),
  }),
});

builder.queryFields((t) => ({
  proposition: t.drizzleField({
    type: 'propositions',
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.query.propositions.findFirst(query({ where: { slug: args.slug } })),
  }),
  propositions: t.drizzleConnection({
    type: 'propositions',
    totalCount: (_root, _args, ctx) => ctx.db.$count(propositions),
    resolve: (query, _root, _args, ctx) => ctx.db.query.propositions.findMany(query({ orderBy: { slug: 'asc' } })),
  }),
}));

builder.mutationFields((t) => ({
  createProposition: t.drizzleField({
    type: 'propositions',
    authScopes: { editor: true },
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: PropositionInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createProposition(ctx.db, withoutNulls(args.input), ctx.viewer!.name);
      return (await ctx.db.query.propositions.findFirst(query({ where: { id } })))!;
    },
  }),
}));
