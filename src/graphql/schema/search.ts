import { MAX_ROW_ID } from '../../db/database.js';
import { SEARCHED_TYPES, type SearchedType, type SearchPosition, searchPage } from '../../db/search.js';
import { badInput } from '../bad-input.js';
import { builder } from '../builder.js';
import { DEFAULT_PAGE_SIZE, QUERY_LIMITS } from '../query-limits.js';
import { Actor } from './actor.js';
import { Claim } from './claim.js';
import { cursorConnection } from './cursor-connection.js';
import { Event } from './event.js';
import { nodeById, READS_IDS_THEN_ROWS } from './node-by-id.js';
import { Proposition } from './proposition.js';
import { Source } from './source.js';

const MAX_SEARCH_QUERY = 200;

const SearchType = builder.enumType('SearchType', {
  values: {
    CLAIM: { value: 'Claim' },
    ACTOR: { value: 'Actor' },
    EVENT: { value: 'Event' },
    PROPOSITION: { value: 'Proposition' },
    SOURCE: { value: 'Source' },
  } as const,
});

/** A hit's row, by id: the drizzle loader fetches the fields asked for, one statement per type for the whole page. */
interface HitRow {
  id: number;
  searchedType: SearchedType;
}

const SearchHitUnion = builder.unionType('SearchHit', {
  types: [Claim, Actor, Event, Proposition, Source],
  resolveType: (row) => (row as unknown as HitRow).searchedType,
});

interface SearchEdgeShape {
  cursor: string;
  rank: number;
  snippet: string;
  node: HitRow;
}

const SearchConnection = builder.connectionObject(
  { type: SearchHitUnion, name: 'SearchConnection' },
  {
    name: 'SearchEdge',
    fields: (t) => ({
      rank: t.float({
        description: 'How well it matches; higher is better. Ranks compare within one result list only.',
        resolve: (edge) => (edge as unknown as SearchEdgeShape).rank,
      }),
      snippet: t.string({
        description:
          "The matching text (a claim's words or context, a title, a name or alias) with each match between « and ».",
        resolve: (edge) => (edge as unknown as SearchEdgeShape).snippet,
      }),
    }),
  },
);

const CURSOR = new RegExp(`^search:(-?[0-9.e+-]+):(${SEARCHED_TYPES.join('|')}):(\\d{1,10})$`);

const cursorOf = (hit: SearchPosition) => btoa(`search:${hit.rank}:${hit.type}:${hit.id}`);

function positionOf(cursor: string): SearchPosition {
  let decoded = '';
  try {
    decoded = atob(cursor);
  } catch {
    // not base64: reported below
  }
  const match = CURSOR.exec(decoded);
  const rank = Number(match?.[1]);
  if (!match || !Number.isFinite(rank) || Number(match[3]) > MAX_ROW_ID) {
    throw badInput(`"${cursor}" is not a cursor of these search results`);
  }
  return { rank, type: match[2] as SearchedType, id: Number(match[3]) };
}

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    description:
      'Claims (words and context), actors (name and aliases, misspellings too), events (title and description), ' +
      'propositions and sources (title) that match a web-search-style query: words match in any form ("allies" finds ' +
      '"ally"), "quoted phrases" match as they are, `or` gives alternatives and `-word` leaves out what has it. ' +
      'Best match first; each result has a snippet of the matching text with the matches between « and ». ' +
      'Retracted claims are left out.',
    args: {
      query: t.arg.string({ required: true, description: `At most ${MAX_SEARCH_QUERY} characters.` }),
      types: t.arg({ type: [SearchType], description: 'The kinds of things to find; all when left out.' }),
      first: t.arg.int({
        description: `How many results, ${DEFAULT_PAGE_SIZE} unless given; at most ${QUERY_LIMITS.pageSize}.`,
      }),
      after: t.arg.string({ description: 'The cursor of the last result of the previous page.' }),
    },
    extensions: READS_IDS_THEN_ROWS,
    resolve: async (_root, args, ctx) => {
      const query = args.query.trim();
      if (!query) throw badInput('query must not be empty');
      if (query.length > MAX_SEARCH_QUERY) {
        throw badInput(`query must be at most ${MAX_SEARCH_QUERY} characters, not ${query.length}`);
      }
      if (query.includes('\u0000')) throw badInput('query must not contain NUL characters');
      if (args.types?.length === 0) throw badInput('types must name at least one type; leave it out to search all');
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      if (first < 1 || first > QUERY_LIMITS.pageSize)
        throw badInput(`first must be between 1 and ${QUERY_LIMITS.pageSize}, not ${first}`);
      const types = args.types ? SEARCHED_TYPES.filter((type) => args.types!.includes(type)) : SEARCHED_TYPES;
      const connection = await cursorConnection(
        {
          args: { first, after: args.after },
          toCursor: cursorOf,
          defaultSize: DEFAULT_PAGE_SIZE,
          maxSize: QUERY_LIMITS.pageSize,
        },
        ({ after, limit }) =>
          searchPage(ctx.db, { query, types, after: after === undefined ? null : positionOf(after), limit }),
      );
      return {
        pageInfo: connection.pageInfo,
        edges: connection.edges.map(({ cursor, node: hit }) => ({
          cursor,
          rank: hit.rank,
          snippet: hit.snippet,
          node: nodeById<typeof SearchHitUnion.$inferType>(hit.id, { searchedType: hit.type } satisfies Omit<
            HitRow,
            'id'
          >),
        })),
      };
    },
  }),
}));
