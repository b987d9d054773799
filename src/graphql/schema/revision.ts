import { encodeGlobalID } from '@pothos/plugin-relay';
import { changeFeedPage, type FeedPosition, type FeedRevision } from '../../db/change-feed.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import { DEFAULT_PAGE_SIZE, QUERY_LIMITS } from '../query-limits.js';
import { cursorConnection } from './cursor-connection.js';
import { DateTimeScalar } from './scalars.js';

export const JSONScalar = builder.scalarType('JSON', {
  description: 'A JSON value: a row as it was stored, a JSON-LD document.',
  serialize: (value) => value,
});

builder.drizzleObject('commits', {
  name: 'Commit',
  description: 'A transaction that changed the recorded data, as it committed: its changes became visible together.',
  fields: (t) => ({
    sequence: t.string({
      description: 'Its place in the order of commits: a commit that became visible later has a greater number.',
      resolve: (commit) => String(commit.sequence),
    }),
    committedAt: t.field({ type: DateTimeScalar, resolve: (commit) => commit.committedAt }),
  }),
});

export const Revision = builder.drizzleObject('revisions', {
  name: 'Revision',
  description: 'One change to the recorded data: what it was before and after, who changed it and when.',
  fields: (t) => ({
    sequence: t.string({
      description:
        'The number of the change, in the order changes were made: a later change to the same row has a greater ' +
        'number. The feed (changes) orders by commit, then by this.',
      resolve: (revision) => String(revision.id),
    }),
    entity: t.id({
      description: 'The global id of what changed (fetch it with node; an ApiKey is not a node).',
      resolve: (revision) => encodeGlobalID(revision.entityType, revision.entityId),
    }),
    entityType: t.exposeString('entityType'),
    table: t.exposeString('tableName', { description: 'The table the row is in: claims, claim_stances, …' }),
    action: t.exposeString('action', { description: 'INSERT, UPDATE or DELETE.' }),
    changedBy: t.exposeString('changedBy', {
      nullable: true,
      description: "The API key's name, or seed or system; shown to editors and admins only, null to others.",
      authScopes: { editor: true },
      unauthorizedResolver: () => null,
    }),
    changedAt: t.field({
      type: DateTimeScalar,
      description: 'When the transaction that made it began.',
      resolve: (revision) => revision.changedAt,
    }),
    commit: t.relation('commit', {
      nullable: true,
      description: 'The commit it became visible in; null only inside the transaction that made it.',
    }),
    before: t.field({ type: JSONScalar, nullable: true, resolve: (revision) => revision.before }),
    after: t.field({ type: JSONScalar, nullable: true, resolve: (revision) => revision.after }),
  }),
});

function encodeCursor(revision: FeedRevision): string {
  return btoa(`Change:${revision.commitSequence}:${revision.id}`);
}

function decodeCursor(argument: 'after' | 'before', cursor: string): FeedPosition {
  let decoded: string;
  try {
    decoded = atob(cursor);
  } catch {
    throw badInput(`${argument}: "${cursor}" is not a changes cursor (not base64)`);
  }
  const [label, commit, id, ...rest] = decoded.split(':');
  const isNumber = (value: string | undefined) =>
    value !== undefined && /^\d{1,16}$/.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER;
  if (label !== 'Change' || !isNumber(commit) || !isNumber(id) || rest.length > 0) {
    throw badInput(`${argument}: "${cursor}" is not a changes cursor`);
  }
  return { commit: Number(commit), id: Number(id) };
}

builder.queryFields((t) => ({
  changes: t.connection({
    type: Revision,
    description:
      'Every committed change, retractions included, in the order the commits became visible, then in the order ' +
      'made within a commit: a feed for clients to sync. Paging on from the last cursor gives every change ' +
      'committed since, each once, even from a transaction that began before others but committed after them. ' +
      `Changes to API keys are shown to admins only. first and last default to ${DEFAULT_PAGE_SIZE}, at most ` +
      `${QUERY_LIMITS.pageSize}.`,
    args: {
      since: t.arg({
        type: DateTimeScalar,
        description: 'Only changes committed at or after this moment; without it, from the first change.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.first != null && args.last != null) throw badInput('Give first or last, not both');
      return cursorConnection(
        { args, toCursor: encodeCursor, defaultSize: DEFAULT_PAGE_SIZE, maxSize: QUERY_LIMITS.pageSize },
        ({ after, before, limit, inverted }) =>
          changeFeedPage(ctx.db, {
            since: args.since ?? undefined,
            after: after === undefined ? undefined : decodeCursor('after', after),
            before: before === undefined ? undefined : decodeCursor('before', before),
            limit,
            backward: inverted,
            includeApiKeys: ctx.viewer?.role === 'ADMIN',
          }),
      );
    },
  }),
}));
