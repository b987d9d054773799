import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { DateTimeScalar } from './scalars.js';

const JSONScalar = builder.scalarType('JSON', {
  description: 'A JSON value: a row as it was stored.',
  serialize: (value) => value,
});

export const Revision = builder.drizzleObject('revisions', {
  name: 'Revision',
  description: 'One change to the recorded data: what it was before and after, who changed it and when.',
  fields: (t) => ({
    sequence: t.string({
      description: 'The position of the change in the feed; later changes have greater numbers.',
      resolve: (revision) => String(revision.id),
    }),
    entity: t.id({
      description: 'The global id of what changed (fetch it with node).',
      resolve: (revision) => encodeGlobalID(revision.entityType, revision.entityId),
    }),
    entityType: t.exposeString('entityType'),
    table: t.exposeString('tableName', { description: 'The table the row is in: claims, claim_stances, …' }),
    action: t.exposeString('action', { description: 'INSERT, UPDATE or DELETE.' }),
    changedBy: t.exposeString('changedBy', { description: "The API key's name, or seed or system." }),
    changedAt: t.field({ type: DateTimeScalar, resolve: (revision) => revision.changedAt }),
    before: t.field({ type: JSONScalar, nullable: true, resolve: (revision) => revision.before }),
    after: t.field({ type: JSONScalar, nullable: true, resolve: (revision) => revision.after }),
  }),
});

builder.queryFields((t) => ({
  changes: t.drizzleConnection({
    type: 'revisions',
    description: 'Every change since a moment, in the order made, retractions included: a feed for clients to sync.',
    args: { since: t.arg({ type: DateTimeScalar, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.revisions.findMany(query({ where: { changedAt: { gte: args.since } }, orderBy: { id: 'asc' } })),
  }),
}));
